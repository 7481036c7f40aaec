/** Order approvals: the inbox of orders agents asked to place, approve and reject. */
import { createRouter } from '../http/router.ts';

export const approvalRoutes = createRouter();
