/**
 * The trading desk: broker accounts (credentials sealed at rest), which account each orchestrator
 * trades, the orders and account activities synced from the broker, the offline paper broker's own
 * ledger, option-chain snapshots, and the human approvals every agent order waits for.
 *
 * Broker data is keyed by the broker's own ids (order id, activity id) per account, so a sync that
 * overlaps an earlier one upserts instead of doubling rows.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agents, orchestrators } from './schema.ts';

/** `offline`: the built-in paper broker and bundled market data. `alpaca`: Alpaca's REST API. */
export type BrokerKind = 'offline' | 'alpaca';
/** Paper money or real money. Live accounts cannot trade until `tradingEnabled` is set. */
export type AccountMode = 'paper' | 'live';

export const brokerAccounts = pgTable(
  'broker_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    broker: text('broker').$type<BrokerKind>().notNull(),
    mode: text('mode').$type<AccountMode>().notNull(),
    /**
     * `{key_id, secret_key}` as JSON, sealed with AES-GCM (src/crypto/secret-box.ts, purpose =
     * `broker-credentials:<account id>`). Null for the offline broker. Never returned by the API.
     */
    credentialsSealed: text('credentials_sealed'),
    /** The last four characters of the key id: lets a person tell keys apart without revealing one. */
    keyIdHint: text('key_id_hint'),
    /** Orders may be placed. Paper accounts start enabled; live accounts start disabled. */
    tradingEnabled: boolean('trading_enabled').notNull(),
    /** Server-side limits checked before any order reaches the broker (null = no limit). */
    maxOrderNotional: doublePrecision('max_order_notional'),
    maxDailyLoss: doublePrecision('max_daily_loss'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    check('broker_accounts_broker_check', sql`${t.broker} in ('offline', 'alpaca')`),
    check('broker_accounts_mode_check', sql`${t.mode} in ('paper', 'live')`),
    // The offline broker is paper only; an Alpaca account needs its keys.
    check(
      'broker_accounts_offline_paper_check',
      sql`${t.broker} <> 'offline' or (${t.mode} = 'paper' and ${t.credentialsSealed} is null)`,
    ),
    check(
      'broker_accounts_alpaca_credentials_check',
      sql`${t.broker} <> 'alpaca' or ${t.credentialsSealed} is not null`,
    ),
  ],
);

/** The account an orchestrator (and its agents) trades; one per orchestrator. */
export const orchestratorAccounts = pgTable('orchestrator_accounts', {
  orchestratorId: uuid('orchestrator_id')
    .primaryKey()
    .references(() => orchestrators.id, { onDelete: 'cascade' }),
  accountId: uuid('account_id')
    .notNull()
    .references(() => brokerAccounts.id, { onDelete: 'cascade' }),
  selectedAt: timestamp('selected_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Orders as the broker last reported them (synced, or recorded at submission). */
export const brokerOrders = pgTable(
  'broker_orders',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => brokerAccounts.id, { onDelete: 'cascade' }),
    brokerOrderId: text('broker_order_id').notNull(),
    clientOrderId: text('client_order_id').notNull(),
    status: text('status').notNull(),
    /** Null for a multi-leg order (its legs carry the symbols). */
    symbol: text('symbol'),
    side: text('side'),
    orderClass: text('order_class').notNull(),
    orderType: text('order_type').notNull(),
    qty: doublePrecision('qty').notNull(),
    filledQty: doublePrecision('filled_qty').notNull(),
    filledAvgPrice: doublePrecision('filled_avg_price'),
    limitPrice: doublePrecision('limit_price'),
    /** The order as the broker sent it (legs included), for the detail view. */
    order: jsonb('order').$type<Record<string, unknown>>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    brokerUpdatedAt: timestamp('broker_updated_at', { withTimezone: true }).notNull(),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.brokerOrderId] }),
    uniqueIndex('broker_orders_client_order_idx').on(t.accountId, t.clientOrderId),
    index('broker_orders_submitted_idx').on(t.accountId, t.submittedAt),
  ],
);

export type ActivityKind = 'fill' | 'expiry' | 'assignment' | 'exercise';

/**
 * Account activities that move positions: fills (FILL) and option lifecycle events (OPEXP, OPASN,
 * OPEXC), as the trade analytics read them (src/trading/trades/types.ts: BrokerFill / OptionEvent).
 */
export const brokerActivities = pgTable(
  'broker_activities',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => brokerAccounts.id, { onDelete: 'cascade' }),
    activityId: text('activity_id').notNull(),
    kind: text('kind').$type<ActivityKind>().notNull(),
    transactionTime: timestamp('transaction_time', { withTimezone: true }).notNull(),
    symbol: text('symbol').notNull(),
    /** The BrokerFill or OptionEvent, exactly as the analytics take it. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.activityId] }),
    index('broker_activities_time_idx').on(t.accountId, t.transactionTime),
    check('broker_activities_kind_check', sql`${t.kind} in ('fill', 'expiry', 'assignment', 'exercise')`),
  ],
);

/** How far each account's sync has reached, and how the last one went. */
export const brokerSyncState = pgTable('broker_sync_state', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => brokerAccounts.id, { onDelete: 'cascade' }),
  activitiesThrough: timestamp('activities_through', { withTimezone: true }),
  ordersThrough: timestamp('orders_through', { withTimezone: true }),
  lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }),
  lastError: text('last_error'),
});

/**
 * The offline paper broker's side of the world (what Alpaca keeps on its servers): its order book
 * and its ledger of fills and option events. Positions, cash and equity are derived from the ledger.
 */
export const paperAccounts = pgTable('paper_accounts', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => brokerAccounts.id, { onDelete: 'cascade' }),
  startingCash: doublePrecision('starting_cash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const paperOrders = pgTable(
  'paper_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => brokerAccounts.id, { onDelete: 'cascade' }),
    clientOrderId: text('client_order_id').notNull(),
    status: text('status').notNull(),
    /** The order in the broker's wire shape (legs, fills, timestamps), returned as it is. */
    order: jsonb('order').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The broker's own duplicate check: a second submission with the same id is refused.
    uniqueIndex('paper_orders_client_order_idx').on(t.accountId, t.clientOrderId),
    index('paper_orders_created_idx').on(t.accountId, t.createdAt),
  ],
);

export const paperActivities = pgTable(
  'paper_activities',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => brokerAccounts.id, { onDelete: 'cascade' }),
    /** Sortable: `<transaction time ms, zero-padded>::<uuid>`, so `page_token` paging is by id. */
    id: text('id').notNull(),
    kind: text('kind').$type<ActivityKind>().notNull(),
    transactionTime: timestamp('transaction_time', { withTimezone: true }).notNull(),
    symbol: text('symbol').notNull(),
    /** Signed quantity change (+ bought, − sold) and cash change, for positions and balances. */
    qtyDelta: doublePrecision('qty_delta').notNull(),
    cashDelta: doublePrecision('cash_delta').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    index('paper_activities_symbol_idx').on(t.accountId, t.symbol),
  ],
);

export type GreeksSource = 'provider' | 'computed';

/** One contract of an option chain at one snapshot instant. */
export const optionSnapshots = pgTable(
  'option_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    underlying: text('underlying').notNull(),
    symbol: text('symbol').notNull(),
    snapshotAt: timestamp('snapshot_at', { withTimezone: true }).notNull(),
    /** YYYY-MM-DD. */
    expiry: text('expiry').notNull(),
    optionType: text('option_type').$type<'call' | 'put'>().notNull(),
    strike: doublePrecision('strike').notNull(),
    underlyingPrice: doublePrecision('underlying_price'),
    bid: doublePrecision('bid'),
    ask: doublePrecision('ask'),
    last: doublePrecision('last'),
    impliedVolatility: doublePrecision('implied_volatility'),
    delta: doublePrecision('delta'),
    gamma: doublePrecision('gamma'),
    theta: doublePrecision('theta'),
    vega: doublePrecision('vega'),
    rho: doublePrecision('rho'),
    greeksSource: text('greeks_source').$type<GreeksSource>(),
    /** Where the data came from: `alpaca` or `offline`. */
    source: text('source').notNull(),
  },
  (t) => [
    uniqueIndex('option_snapshots_symbol_at_idx').on(t.symbol, t.snapshotAt),
    index('option_snapshots_underlying_at_idx').on(t.underlying, t.snapshotAt),
    check('option_snapshots_type_check', sql`${t.optionType} in ('call', 'put')`),
  ],
);

export type SnapshotRunStatus = 'running' | 'succeeded' | 'failed';

/** One snapshot of all configured underlyings; scheduled instants are claimed once. */
export const optionSnapshotRuns = pgTable(
  'option_snapshot_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trigger: text('trigger').$type<'cron' | 'manual'>().notNull(),
    /** The scheduled instant (cron runs) or the request instant (manual runs). */
    snapshotAt: timestamp('snapshot_at', { withTimezone: true }).notNull(),
    underlyings: text('underlyings').array().notNull(),
    status: text('status').$type<SnapshotRunStatus>().notNull().default('running'),
    contracts: integer('contracts').notNull().default(0),
    /** Per underlying: contracts stored or the error met. */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('option_snapshot_runs_cron_claim_idx').on(t.snapshotAt).where(sql`${t.trigger} = 'cron'`),
    index('option_snapshot_runs_created_idx').on(t.createdAt),
    check('option_snapshot_runs_trigger_check', sql`${t.trigger} in ('cron', 'manual')`),
    check('option_snapshot_runs_status_check', sql`${t.status} in ('running', 'succeeded', 'failed')`),
  ],
);

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'submitted' | 'failed' | 'expired';

/**
 * An order an agent asked to place, waiting for (or decided by) a person. The client_order_id is
 * derived from the agent's tool_use id, so a retried tool call finds this row instead of a new order.
 */
export const orderApprovals = pgTable(
  'order_approvals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orchestratorId: uuid('orchestrator_id')
      .notNull()
      .references(() => orchestrators.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'set null' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => brokerAccounts.id, { onDelete: 'cascade' }),
    toolUseId: text('tool_use_id'),
    clientOrderId: text('client_order_id').notNull(),
    /** What the order does, in words, for the inbox. */
    summary: text('summary').notNull(),
    /** The full order request as it will be sent to the broker. */
    order: jsonb('order').$type<Record<string, unknown>>().notNull(),
    /** Estimated notional (dollars at risk) at request time. */
    notional: doublePrecision('notional').notNull(),
    status: text('status').$type<ApprovalStatus>().notNull().default('pending'),
    /** The API token id (never the token) of whoever decided. */
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reason: text('reason'),
    brokerOrderId: text('broker_order_id'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('order_approvals_client_order_idx').on(t.accountId, t.clientOrderId),
    index('order_approvals_orchestrator_status_idx').on(t.orchestratorId, t.status, t.createdAt),
    check(
      'order_approvals_status_check',
      sql`${t.status} in ('pending', 'approved', 'rejected', 'submitted', 'failed', 'expired')`,
    ),
  ],
);
