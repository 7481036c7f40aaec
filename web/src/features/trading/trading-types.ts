/**
 * The trading routes' JSON, as the API contract of the trading desk defines it (snake_case). Written
 * by hand beside the generated schema: the console reads only these fields, and tolerates the
 * optional ones being absent (an older server, or a route that does not report them).
 */

export type Mode = 'paper' | 'live';
export type CircuitState = 'closed' | 'open' | 'half_open';

export interface Account {
  id: string;
  name: string;
  broker: 'offline' | 'alpaca';
  mode: Mode;
  key_id_hint: string | null;
  trading_enabled: boolean;
  max_order_notional: number | null;
  max_daily_loss: number | null;
  is_default: boolean;
  created_at: string;
  archived_at?: string | null;
}

/** POST /api/accounts: another offline paper account, or an Alpaca one whose keys Alpaca accepts. */
export type CreateAccountRequest =
  | { name: string; broker: 'offline'; starting_cash?: number }
  | { name: string; broker: 'alpaca'; mode: Mode; key_id: string; secret_key: string };

export interface BrokerHealth {
  circuit: CircuitState;
  recent_failures: number;
  retry_at: string | null;
  last_error: string | null;
  requests_remaining: number;
}

export interface AccountSummary {
  account: Account;
  equity: number;
  cash: number;
  buying_power: number;
  options_buying_power: number | null;
  last_equity: number;
  day_pnl: number;
  status: string;
  currency: string;
  health: BrokerHealth;
}

export interface PositionLeg {
  id: string;
  symbol: string;
  kind: 'option' | 'stock';
  type: 'call' | 'put' | null;
  strike: number | null;
  expiry: string | null;
  direction: 'long' | 'short';
  qty: number;
  avg_entry_price: number;
  current_price: number | null;
  pnl: number | null;
  pnl_fraction: number | null;
}

export interface PositionStrategy {
  id: string;
  underlying: string;
  expiry: string | null;
  kind: string;
  legs: PositionLeg[];
  pnl: number | null;
  cost_basis: number | null;
}

export interface Positions {
  strategies: PositionStrategy[];
  total_pnl: number | null;
  as_of: string;
}

export type OrderSide = 'buy' | 'sell';

export interface OrderLeg {
  symbol: string;
  side: OrderSide;
  ratio_qty?: number;
  qty?: number;
  position_intent?: string | null;
  status?: string;
  filled_qty?: number;
  filled_avg_price?: number | null;
}

export interface Order {
  id: string;
  client_order_id: string;
  status: string;
  /**
   * Listed orders include those placed outside the desk: bracket, oco, oto; stop, stop_limit,
   * trailing_stop; a kind the broker adds later arrives as sent.
   */
  order_class: 'simple' | 'mleg' | (string & {});
  type: 'market' | 'limit' | (string & {});
  time_in_force: string;
  symbol: string | null;
  side: OrderSide | null;
  qty: number;
  filled_qty: number;
  filled_avg_price: number | null;
  limit_price: number | null;
  legs: OrderLeg[];
  created_at: string;
  submitted_at?: string | null;
  filled_at: string | null;
  canceled_at: string | null;
}

export interface TradeLeg {
  symbol: string;
  direction: 'long' | 'short';
  opened_qty: number;
  closed_qty: number;
  open_qty: number;
  avg_open_price: number;
  avg_close_price: number | null;
  realised_pnl: number;
  unrealised_pnl: number | null;
  fees?: number;
}

export interface Trade {
  id: string;
  underlying: string;
  status: 'open' | 'closed' | 'incomplete';
  opened_at: string;
  closed_at: string | null;
  expiries?: string[];
  strategy: string;
  legs: TradeLeg[];
  realised_pnl: number;
  unrealised_pnl: number | null;
  fees?: number;
}

export interface TradeStats {
  total_trades: number;
  open_trades: number;
  closed_trades: number;
  wins: number;
  losses: number;
  win_rate: number | null;
  average_win: number | null;
  average_loss: number | null;
  profit_factor: number | null;
  expectancy: number | null;
  total_realised_pnl: number;
  max_drawdown: number;
  open_unrealised_pnl: number | null;
}

export interface TradesPage {
  trades: Trade[];
  stats: TradeStats;
  next_cursor: string | null;
}

/** An order as an approval (or an agent) describes it: the POST /accounts/:id/orders body. */
export interface OrderDraft {
  client_order_id?: string;
  order_class: 'simple' | 'mleg';
  symbol?: string;
  side?: OrderSide;
  position_intent?: string;
  legs?: Array<{ symbol: string; side: OrderSide; ratio_qty?: number; position_intent?: string }>;
  qty: number;
  type: 'market' | 'limit';
  limit_price?: number | null;
  time_in_force?: string;
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired' | 'failed' | 'submitted';

export interface Approval {
  id: string;
  orchestrator_id: string;
  agent_id: string | null;
  account: { id: string; name: string; mode: Mode };
  summary: string;
  order: OrderDraft;
  notional: number | null;
  status: string;
  created_at: string;
  expires_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  reason: string | null;
  broker_order_id: string | null;
  error: string | null;
}

export interface SnapshotContract {
  symbol: string;
  type?: 'call' | 'put';
  strike?: number;
  expiry?: string;
  underlying_price?: number | null;
  bid: number | null;
  ask: number | null;
  last?: number | null;
  implied_volatility: number | null;
  delta: number | null;
  gamma: number | null;
  theta: number | null;
  vega: number | null;
  rho?: number | null;
}

export interface LatestSnapshot {
  underlying: string;
  snapshot_at: string | null;
  contracts: SnapshotContract[];
}

export interface HistoryPoint {
  snapshot_at: string;
  underlying_price: number | null;
  bid: number | null;
  ask: number | null;
  last: number | null;
  implied_volatility: number | null;
  delta: number | null;
  gamma: number | null;
  theta: number | null;
  vega: number | null;
  rho: number | null;
  greeks_source?: string | null;
}

export interface SnapshotHistory {
  symbol: string;
  points: HistoryPoint[];
}

export interface SnapshotRun {
  id: string;
  status: string;
  snapshot_at?: string;
  contracts?: number;
}
