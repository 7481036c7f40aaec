/** Live quotes over WebSocket. */
import { createRouter } from '../http/router.ts';

export const quoteRoutes = createRouter();
