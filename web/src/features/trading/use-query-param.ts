/**
 * A view setting kept in the URL's query (replace, not push), so a reload or a shared link opens
 * the same part, underlying or contract.
 */
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';

export function useQueryParam(name: string, fallback: string) {
  const route = useRoute();
  const router = useRouter();
  return computed<string>({
    get: () => {
      const value = route.query[name];
      return typeof value === 'string' && value !== '' ? value : fallback;
    },
    set: (value) => {
      const query = { ...route.query, [name]: value === fallback ? undefined : value };
      void router.replace({ query, hash: route.hash });
    },
  });
}
