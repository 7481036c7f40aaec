/**
 * The web console: a Vue 3 single-page app built to web/dist, which the Worker serves as static
 * assets with an SPA fallback (wrangler.toml `[assets]`). `npm run build:web` builds it once;
 * `npm run dev` rebuilds it on change.
 */
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Charts and the like belong to lazily loaded routes and panels; the first route stays small.
    chunkSizeWarningLimit: 250,
    reportCompressedSize: true,
  },
});
