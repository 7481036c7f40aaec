/** Orders, positions and trades of a broker account. */
import { createRouter } from '../http/router.ts';

export const tradingRoutes = createRouter();
