/** Routes under /api for pipelines (being built: see the README's status section). */
import { createRouter } from '../http/router.ts';

export const pipelinesRoutes = createRouter();
