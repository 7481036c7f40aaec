/**
 * zod's locale index as the Worker bundles it (see `[alias]` in wrangler.toml): English only, the
 * locale zod configures by default. `z.locales.en` still works; other languages are left out.
 */
export { default as en } from 'zod/v4/locales/en.js';
