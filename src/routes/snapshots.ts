/** Option-chain snapshots: manual trigger, history and latest. */
import { createRouter } from '../http/router.ts';

export const snapshotRoutes = createRouter();
