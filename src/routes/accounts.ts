/** Broker accounts: create (credentials sealed), list, select per orchestrator, enable live trading, health. */
import { createRouter } from '../http/router.ts';

export const accountRoutes = createRouter();
