/** Who is logged in: the session cookie is HttpOnly, so the server is asked (GET /api/auth/session). */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api, unwrap } from '../api/client.ts';

export const useSessionStore = defineStore('session', () => {
  /** null until the server has been asked once. */
  const authenticated = ref<boolean | null>(null);

  async function check(): Promise<boolean> {
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
