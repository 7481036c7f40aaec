/** Routes under /api for chains (being built: see the README's status section). */
import { createRouter } from '../http/router.ts';

export const chainsRoutes = createRouter();
