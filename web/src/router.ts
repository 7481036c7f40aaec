/** Routes (history mode: the Worker serves index.html for every non-/api path) and the login guard. */
import { createRouter, createWebHistory } from 'vue-router';
import { tokenFromHash } from './lib/token-hash.ts';
import { useSessionStore } from './stores/session.ts';
import LoginView from './views/LoginView.vue';
import PickerView from './views/PickerView.vue';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
    { path: '/', name: 'picker', component: PickerView },
    {
      path: '/o/:id',
      name: 'orchestrator',
      component: () => import('./views/orchestrator/OrchestratorView.vue'),
      props: true,
    },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

router.beforeEach(async (to) => {
  const session = useSessionStore();
  const fromHash = tokenFromHash(to.hash);
  if (fromHash) {
    try {
      await session.login(fromHash.token);
    } catch {
      return { name: 'login', query: { failed: '1' } };
    }
    return { path: to.path, query: to.query, hash: fromHash.rest, replace: true };
  }
  if (session.authenticated === null) await session.check().catch(() => false);
  if (!session.authenticated && !to.meta.public) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
  }
  if (session.authenticated && to.name === 'login') return { name: 'picker' };
  return true;
});
