/**
 * Compile-time only: the server's generated schema (schema.d.ts, from `npm run api:snapshot`) must
 * fit the hand-written wire types the trading views read, so a route that renames or drops a field
 * fails `npm run typecheck` here instead of showing an empty cell (and a request body the console
 * builds must fit the route's). The approval's order is checked
 * by the views at run time: the API types it as an open record.
 */
import type { Schemas } from '../../api/client.ts';
import type {
  Account,
  AccountSummary,
  Approval,
  CreateAccountRequest,
  LatestSnapshot,
  Order,
  Positions,
  SnapshotHistory,
  TradesPage,
} from './trading-types.ts';

type Fits<Wire, Read> = [Wire] extends [Read] ? true : false;

export const WIRE_FITS: [
  Fits<Schemas['Account'], Account>,
  Fits<Schemas['AccountSummary'], AccountSummary>,
  Fits<Schemas['Positions'], Positions>,
  Fits<Schemas['Order'], Order>,
  Fits<Schemas['TradesPage'], TradesPage>,
  Fits<Omit<Schemas['Approval'], 'order'>, Omit<Approval, 'order'>>,
  Fits<Schemas['LatestSnapshot'], LatestSnapshot>,
  Fits<Schemas['SnapshotHistory'], SnapshotHistory>,
  // The other way round for what the console sends: every body it builds is one the route accepts.
  Fits<CreateAccountRequest, Schemas['CreateAccount']>,
] = [true, true, true, true, true, true, true, true, true];
