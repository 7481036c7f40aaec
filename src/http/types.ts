import type { Principal } from '../auth/principal.ts';
import type { Database } from '../db/client.ts';

/** Per-request values set by middleware. */
export interface AppVariables {
  requestId: string;
  /** Who is calling; set by `requireAuth` on every protected route. */
  principal: Principal;
  /** Opens the request's database pool on first use; it is closed after the response. */
  db: () => Database;
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}
