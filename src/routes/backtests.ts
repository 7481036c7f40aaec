/** Routes under /api for backtests (being built: see the README's status section). */
import { createRouter } from '../http/router.ts';

export const backtestsRoutes = createRouter();
