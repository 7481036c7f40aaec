/** Who is logged in: the session cookie is HttpOnly, so the server is asked (GET /api/auth/session). */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api, unwrap } from '../api/client.ts';

/** Set by the server next to the session cookie (src/routes/auth.ts). */
const SESSION_HINT_COOKIE = 'orch_signed_in';

export const useSessionStore = defineStore('session', () => {
  /** null until the server has been asked once. */
  const authenticated = ref<boolean | null>(null);

  async function check(): Promise<boolean> {
    // The session cookie is HttpOnly; its readable twin (no secret) says whether asking is worthwhile.
    if (!document.cookie.split('; ').includes(`${SESSION_HINT_COOKIE}=1`)) {
      authenticated.value = false;
      return false;
    }
    const result = await api.GET('/auth/session');
    authenticated.value = result.response.ok;
    return authenticated.value;
  }

  async function login(token: string): Promise<void> {
    unwrap(await api.POST('/auth/session', { body: { token } }));
    authenticated.value = true;
  }

  async function logout(): Promise<void> {
    await api.DELETE('/auth/session');
    authenticated.value = false;
  }

  return { authenticated, check, login, logout };
});
