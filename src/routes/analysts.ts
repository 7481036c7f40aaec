/** Routes under /api for analysts (being built: see the README's status section). */
import { createRouter } from '../http/router.ts';

export const analystsRoutes = createRouter();
