/**
 * The approval gate every agent order waits at, against the emulated model and the offline paper
 * broker: a scripted trader asks for an iron condor → a pending approval and an `approval_requested`
 * event → approved over REST → the order placed exactly once and the outcome back to the model. The
 * tool itself, called as the runtime calls it: a retry under the same tool_use id finds its request
 * and never places a second order; a rejection, an expiry, an interrupt, a broken wait and a restart
 * of the orchestrator's object mid-wait each end the wait with no order (the request withdrawn, so a
 * late approval places nothing); limits refuse before anyone is asked; bad requests get the one
 * error shape.
 */
import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orderApprovals } from '../src/db/schema-trading.ts';
import type { EventInput } from '../src/events/types.ts';
import { tradingTools } from '../src/tools/trading/index.ts';
import type { ToolContext, ToolResult } from '../src/tools/types.ts';
import { accountForOrchestrator } from '../src/trading/accounts/store.ts';
import { requestApproval } from '../src/trading/approvals/gate.ts';
import { openBroker } from '../src/trading/broker/factory.ts';
import { newAlpacaAccount } from './helpers/alpaca.ts';
import { call, expectError, withDatabase } from './helpers/api.ts';
import { modelRequests, scriptModel } from './helpers/emulator.ts';
import { agentStopped, createOrchestrator, hubOf, ofType, say } from './helpers/orchestrators.ts';
import { openStream } from './helpers/stream.ts';
import { allOrders, approvals, decide, ordersUnder, ownPaperAccount } from './helpers/trader.ts';
import { until } from './helpers/wait.ts';

const CONDOR = { underlying: 'SPY', strategy: 'iron_condor', qty: 1 };

interface Harness {
  orchestratorId: string;
  accountId: string;
  events: EventInput[];
  /** Runs a trading tool as the runtime would (input parsed by its schema). */
  run(name: string, input: unknown, toolUseId: string, signal?: AbortSignal): Promise<ToolResult>;
  context(toolUseId: string, signal?: AbortSignal): ToolContext;
}

async function withTrader(
  fn: (h: Harness) => Promise<void>,
  limits: { maxOrderNotional?: number } = {},
): Promise<void> {
  const orchestratorId = await createOrchestrator({ name: 'approval gate' });
  const accountId = await ownPaperAccount(orchestratorId, limits);
  const tools = tradingTools(env);
  const events: EventInput[] = [];
  await withDatabase(async (db) => {
    const context = (toolUseId: string, signal = new AbortController().signal): ToolContext => ({
      db,
      orchestratorId,
      agentId: null,
      promptId: null,
      toolUseId,
      signal,
      events: { emit: (event) => events.push(event) },
    });
    const run = async (name: string, input: unknown, toolUseId: string, signal?: AbortSignal) => {
      const tool = tools.find((t) => t.name === name);
      if (!tool) throw new Error(`no tool ${name}`);
      return tool.run(tool.input.parse(input), context(toolUseId, signal));
    };
    await fn({ orchestratorId, accountId, events, run, context });
  });
}

function pendingApproval(orchestratorId: string) {
  return until(async () => (await approvals(orchestratorId, 'pending'))[0], 'a pending approval');
}

describe('approval gate: a trader agent asks, a person approves', () => {
  it('pending approval and event → approve over REST → one order, outcome to the model', async () => {
    const id = await createOrchestrator({ name: 'trader e2e' });
    const accountId = await ownPaperAccount(id);
    await scriptModel(id, [
      { tool_uses: [{ name: 'create_agent', input: { name: 'desk', template: 'trader' } }] },
      {
        tool_uses: [{ name: 'command_agent', input: { agent_name: 'desk', command: 'iron condor on SPY' } }],
      },
      { text: 'Dispatched.' },
      { text: 'desk reported.' },
    ]);
    await scriptModel(`${id}:desk`, [
      { tool_uses: [{ name: 'place_option_strategy', input: CONDOR }] },
      { text: 'Submitted the condor.' },
    ]);
    const stream = await openStream(id, 0);
    await say(id, 'have a trader open an iron condor on SPY');
    const requested = await stream.waitFor((e) => e.type === 'approval_requested', 'approval_requested');

    const [pending, ...others] = await approvals(id, 'pending');
    expect(others).toEqual([]);
    if (!pending) throw new Error('no pending approval');
    expect(requested.data.approval_id).toBe(pending.id);
    expect(requested.agent_id).toBe(pending.agent_id);
    expect(pending).toMatchObject({
      orchestrator_id: id,
      account: { id: accountId, name: 'Trader test paper', mode: 'paper' },
      status: 'pending',
      decided_at: null,
      broker_order_id: null,
    });
    expect(pending.summary).toMatch(/^sell 1 SPY iron condor \d{4}-\d{2}-\d{2}: buy put/);
    const order = pending.order as { order_class: string; client_order_id: string; legs: unknown[] };
    expect(order.order_class).toBe('mleg');
    expect(order.legs).toHaveLength(4);
    expect(order.client_order_id).toMatch(/^agt_/);
    expect(pending.notional).toBeGreaterThan(0);
    expect(Date.parse(pending.expires_at) - Date.parse(pending.created_at)).toBe(15 * 60_000);

    const approved = await decide(pending.id, 'approve');
    expect(approved.status).toBe(200);
    const decided = (await approved.json()) as typeof pending;
    expect(decided).toMatchObject({ id: pending.id, status: 'submitted', error: null });
    expect(decided.broker_order_id).toBeTruthy();
    expect(decided.decided_by).toBeTruthy();
    await expectError(await decide(pending.id, 'approve'), 409, 'conflict');
    await expectError(await decide(pending.id, 'reject'), 409, 'conflict');

    await agentStopped(stream, 'desk');
    expect(ofType(stream.events, 'order_submitted').map((e) => e.data.broker_order_id)).toEqual([
      decided.broker_order_id,
    ]);
    expect(ofType(stream.events, 'approval_decided').map((e) => e.data.status)).toEqual(['submitted']);
    const [, second] = await modelRequests(`${id}:desk`);
    if (!second) throw new Error('desk made only one model request');
    const toolResult = JSON.stringify((second.body as { messages: { content: unknown }[] }).messages.at(-1));
    expect(toolResult).toContain('Approved and submitted: sell 1 SPY iron condor');
    expect(toolResult).toContain(`Order ${decided.broker_order_id}`);
    expect(await ordersUnder(accountId, order.client_order_id)).toHaveLength(1);
    expect(await approvals(id, 'pending')).toEqual([]);
    stream.close();
  });
});

describe('approval gate: a restart while the agent waits', () => {
  it('withdraws the pending request and tells the agent, so a late approval places nothing', async () => {
    const id = await createOrchestrator({ name: 'trader restart' });
    const accountId = await ownPaperAccount(id);
    await scriptModel(id, [
      { tool_uses: [{ name: 'create_agent', input: { name: 'desk', template: 'trader' } }] },
      {
        tool_uses: [{ name: 'command_agent', input: { agent_name: 'desk', command: 'iron condor on SPY' } }],
      },
      { text: 'Dispatched.' },
      { text: 'desk reported.' },
    ]);
    await scriptModel(`${id}:desk`, [
      { tool_uses: [{ name: 'place_option_strategy', input: CONDOR }] },
      { text: 'The request was withdrawn; nothing placed.' },
    ]);
    const stream = await openStream(id, 0);
    await say(id, 'have a trader open an iron condor on SPY');
    await stream.waitFor((e) => e.type === 'approval_requested', 'approval_requested');
    const pending = await pendingApproval(id);

    // What a deploy or a crash does: the waiting call is gone with the instance; storage stays.
    await runInDurableObject(hubOf(id), (_instance, state) => state.abort('simulated deploy')).catch(
      () => {},
    );
    expect(await runDurableObjectAlarm(hubOf(id))).toBe(true);
    const resumed = await openStream(id, stream.events.at(-1)?.seq ?? 0);
    await resumed.waitFor((e) => e.type === 'Stop' && e.agent_id === pending.agent_id, 'desk to stop');

    const [withdrawn, ...others] = await approvals(id);
    expect(others).toEqual([]);
    expect(withdrawn).toMatchObject({
      id: pending.id,
      status: 'expired',
      reason: 'withdrawn: the platform restarted while the agent waited',
    });
    await expectError(await decide(pending.id, 'approve'), 409, 'conflict');
    expect(await allOrders(accountId)).toEqual([]);
    expect(ofType(resumed.events, 'approval_decided').map((e) => e.data.status)).toEqual(['expired']);
    const [, second] = await modelRequests(`${id}:desk`);
    if (!second) throw new Error('desk made only one model request');
    const toolResult = JSON.stringify((second.body as { messages: { content: unknown }[] }).messages.at(-1));
    expect(toolResult).toContain(
      'Not placed: the approval request expired (withdrawn: the platform restarted while the agent waited). No order was placed.',
    );
    stream.close();
    resumed.close();
  });

  it('an approval decided before the run resumed reaches the agent as its outcome', async () => {
    await withTrader(async ({ orchestratorId, accountId, context }) => {
      const [placeOrder] = tradingTools(env).filter((tool) => tool.name === 'place_order');
      if (!placeOrder?.recover) throw new Error('place_order has no recover');
      // Stands for the call lost with its instance: the recovery below does not depend on it.
      const lostCall = placeOrder.run(
        placeOrder.input.parse({ symbol: 'SPY', side: 'buy', qty: 1 }),
        context('toolu_lost_1'),
      );
      const pending = await pendingApproval(orchestratorId);
      const approved = (await (await decide(pending.id, 'approve')).json()) as typeof pending;
      expect(approved.status).toBe('submitted');

      const recovered = await placeOrder.recover(context('toolu_lost_1'));
      expect(recovered?.isError).toBe(false);
      expect(recovered?.content).toBe(
        `Approved and submitted: ${pending.summary}. Order ${approved.broker_order_id}.`,
      );
      expect(await placeOrder.recover(context('toolu_never_asked'))).toBeUndefined();
      expect(await allOrders(accountId)).toHaveLength(1);
      await lostCall; // let it end inside the test
    });
  });
});

describe('approval gate: the tool called directly', () => {
  it('a retried call under the same tool_use id finds its approval and places no second order', async () => {
    await withTrader(async ({ orchestratorId, accountId, run, events }) => {
      const first = run('place_option_strategy', CONDOR, 'toolu_retry_1');
      const pending = await pendingApproval(orchestratorId);
      expect((await decide(pending.id, 'approve')).status).toBe(200);
      const result = await first;
      expect(result.isError).toBeFalsy();
      expect(result.content).toMatch(/^Approved and submitted: sell 1 SPY iron condor .* Order \S+\./);

      const retried = await run('place_option_strategy', CONDOR, 'toolu_retry_1');
      expect(retried.content).toBe(result.content);
      expect(await allOrders(accountId)).toHaveLength(1);
      expect(await approvals(orchestratorId)).toHaveLength(1);
      expect(events.map((e) => e.type)).toEqual(['approval_requested']);
    });
  });

  it('a rejection reaches the model with its reason; nothing is placed', async () => {
    await withTrader(async ({ orchestratorId, accountId, run }) => {
      const asked = run(
        'place_option_strategy',
        { underlying: 'SPY', strategy: 'single', type: 'call', qty: 1 },
        'toolu_reject_1',
      );
      const pending = await pendingApproval(orchestratorId);
      expect(pending.summary).toMatch(/^buy 1 SPY single/);
      const rejected = await decide(pending.id, 'reject', { reason: 'too close to earnings' });
      expect(rejected.status).toBe(200);
      expect(await rejected.json()).toMatchObject({ status: 'rejected', reason: 'too close to earnings' });
      const result = await asked;
      expect(result.isError).toBe(true);
      expect(result.content).toBe(
        `Rejected by a person: ${pending.summary}. Reason: too close to earnings. No order was placed.`,
      );
      await expectError(await decide(pending.id, 'approve'), 409, 'conflict');
      expect(await allOrders(accountId)).toEqual([]);
    });
  });

  it('an unanswered request expires; an expired one cannot be approved', async () => {
    await withTrader(async ({ orchestratorId, accountId, context, events }) => {
      const ctx = context('toolu_expire_1');
      const account = await accountForOrchestrator(ctx.db, orchestratorId);
      const broker = await openBroker(account, { db: ctx.db, env });
      const result = await requestApproval(
        ctx,
        {
          account,
          broker,
          order: {
            orderClass: 'simple',
            symbol: 'SPY',
            side: 'buy',
            qty: 1,
            type: 'market',
            timeInForce: 'day',
          },
          summary: 'buy 1 SPY',
        },
        { ttlMs: 1, pollMs: 5 },
      );
      expect(result.isError).toBe(true);
      expect(result.content).toBe(
        'Not placed: the approval request expired (no decision within the approval window). No order was placed.',
      );
      expect(events.map((e) => [e.type, e.data.status])).toEqual([
        ['approval_requested', undefined],
        ['approval_decided', 'expired'],
      ]);
      const [expired] = await approvals(orchestratorId);
      if (!expired) throw new Error('no approval');
      expect(expired.status).toBe('expired');
      const refused = await expectError(await decide(expired.id, 'approve'), 409, 'conflict');
      expect(refused.error.message).toContain('expired');
      expect(await allOrders(accountId)).toEqual([]);
    });
  });

  it('stops waiting on an approval whose placing never finished, and says the outcome is unknown', async () => {
    await withTrader(async ({ orchestratorId, accountId, context }) => {
      const ctx = context('toolu_stuck_1');
      const decidedAt = new Date(Date.now() - 10 * 60_000);
      // What the approve request leaves behind when it dies between the decision and the broker's answer.
      await withDatabase((db) =>
        db.insert(orderApprovals).values({
          orchestratorId,
          accountId,
          toolUseId: 'toolu_stuck_1',
          clientOrderId: 'agt_toolu_stuck_1',
          summary: 'buy 1 SPY',
          order: { client_order_id: 'agt_toolu_stuck_1', order_class: 'simple', symbol: 'SPY', side: 'buy' },
          notional: 600,
          status: 'approved',
          decidedAt,
          createdAt: new Date(decidedAt.getTime() - 60_000),
          expiresAt: new Date(decidedAt.getTime() + 14 * 60_000),
        }),
      );
      const account = await accountForOrchestrator(ctx.db, orchestratorId);
      const broker = await openBroker(account, { db: ctx.db, env });
      const result = await requestApproval(
        ctx,
        {
          account,
          broker,
          order: {
            orderClass: 'simple',
            symbol: 'SPY',
            side: 'buy',
            qty: 1,
            type: 'market',
            timeInForce: 'day',
          },
          summary: 'buy 1 SPY',
        },
        { pollMs: 5 },
      );
      expect(result.isError).toBe(true);
      expect(result.content).toMatch(/^Approved, but placing the order did not finish/);
      expect(result.data).toMatchObject({ status: 'approved', broker_order_id: null });
    });
  });

  it('a wait broken by a failed read withdraws the request instead of leaving it to be approved', async () => {
    await withTrader(async ({ orchestratorId, accountId, context }) => {
      const ctx = context('toolu_broken_1');
      const account = await accountForOrchestrator(ctx.db, orchestratorId);
      const broker = await openBroker(account, { db: ctx.db, env });
      // Every read fails once the request is stored (inserting it does not read).
      const failingReads = new Proxy(ctx.db, {
        get: (target, property, receiver) =>
          property === 'select'
            ? () => {
                throw new Error('connection reset');
              }
            : Reflect.get(target, property, receiver),
      });
      const result = await requestApproval(
        { ...ctx, db: failingReads },
        {
          account,
          broker,
          order: {
            orderClass: 'simple',
            symbol: 'SPY',
            side: 'buy',
            qty: 1,
            type: 'market',
            timeInForce: 'day',
          },
          summary: 'buy 1 SPY',
        },
        { pollMs: 5 },
      );
      expect(result.content).toBe(
        'Not placed: the approval request expired (withdrawn: waiting for the decision failed). No order was placed.',
      );
      const [withdrawn] = await approvals(orchestratorId);
      if (!withdrawn) throw new Error('no approval');
      expect(withdrawn.status).toBe('expired');
      await expectError(await decide(withdrawn.id, 'approve'), 409, 'conflict');
      expect(await allOrders(accountId)).toEqual([]);
    });
  });

  it('a pending request nobody waits for any more shows as expired once its time is up', async () => {
    await withTrader(async ({ orchestratorId, accountId }) => {
      const stream = await openStream(orchestratorId, 0);
      const past = new Date(Date.now() - 60_000);
      await withDatabase((db) =>
        db.insert(orderApprovals).values({
          orchestratorId,
          accountId,
          toolUseId: 'toolu_orphan_1',
          clientOrderId: 'agt_toolu_orphan_1',
          summary: 'buy 1 SPY',
          order: {
            client_order_id: 'agt_toolu_orphan_1',
            order_class: 'simple',
            symbol: 'SPY',
            side: 'buy',
            qty: 1,
            type: 'market',
            time_in_force: 'day',
          },
          notional: 600,
          createdAt: new Date(past.getTime() - 15 * 60_000),
          expiresAt: past,
        }),
      );
      const [stale] = await withDatabase((db) =>
        db.select().from(orderApprovals).where(eq(orderApprovals.clientOrderId, 'agt_toolu_orphan_1')),
      );
      const read = await call(`/api/approvals/${stale?.id}`);
      expect(await read.json()).toMatchObject({ status: 'expired' });
      expect(await approvals(orchestratorId, 'pending')).toEqual([]);
      const [orphan] = await approvals(orchestratorId);
      expect(orphan).toMatchObject({ status: 'expired', reason: 'no decision within the approval window' });
      const decided = await stream.waitFor((e) => e.type === 'approval_decided', 'approval_decided');
      expect(decided.data).toMatchObject({ approval_id: orphan?.id, status: 'expired' });
      stream.close();
    });
  });

  it('an interrupt while waiting withdraws the request, so a late approval places nothing', async () => {
    await withTrader(async ({ orchestratorId, accountId, run }) => {
      const controller = new AbortController();
      const asked = run('place_option_strategy', CONDOR, 'toolu_interrupt_1', controller.signal);
      const pending = await pendingApproval(orchestratorId);
      controller.abort();
      const result = await asked;
      expect(result.content).toBe(
        'Not placed: the approval request expired (withdrawn: the agent was interrupted). No order was placed.',
      );
      const [withdrawn] = await approvals(orchestratorId);
      expect(withdrawn).toMatchObject({
        id: pending.id,
        status: 'expired',
        reason: 'withdrawn: the agent was interrupted',
      });
      await expectError(await decide(pending.id, 'approve'), 409, 'conflict');
      expect(await allOrders(accountId)).toEqual([]);
    });
  });

  it('an order over the account limit is refused before anyone is asked', async () => {
    await withTrader(
      async ({ orchestratorId, run }) => {
        const result = await run('place_option_strategy', CONDOR, 'toolu_limit_1');
        expect(result.isError).toBe(true);
        expect(result.content).toMatch(
          /^Refused before asking for approval \(notional_limit\): .* No order was placed\.$/,
        );
        expect(await approvals(orchestratorId)).toEqual([]);
      },
      { maxOrderNotional: 10 },
    );
  });
});

describe('approval gate: live accounts', () => {
  it('a live account with trading still off refuses before anyone is asked', async () => {
    const keys = await newAlpacaAccount();
    const created = await call('/api/accounts', {
      method: 'POST',
      json: { name: 'Live', broker: 'alpaca', mode: 'live', key_id: keys.keyId, secret_key: keys.secretKey },
    });
    expect(created.status).toBe(201);
    const live = (await created.json()) as { id: string; trading_enabled: boolean };
    expect(live.trading_enabled).toBe(false);
    await withTrader(async ({ orchestratorId, run }) => {
      const selected = await call(`/api/orchestrators/${orchestratorId}/account`, {
        method: 'PUT',
        json: { account_id: live.id },
      });
      expect(selected.status).toBe(200);
      const result = await run('place_order', { symbol: 'SPY', side: 'buy', qty: 1 }, 'toolu_live_1');
      expect(result.isError).toBe(true);
      expect(result.content).toMatch(
        /^Refused before asking for approval \(trading_disabled\): Trading is off for this live account/,
      );
      expect(await approvals(orchestratorId)).toEqual([]);
    });
  });
});

describe('approvals API: bad input', () => {
  it('422 for malformed ids and bodies, 404 for unknown ones, 409 for a second decision', async () => {
    await expectError(await call('/api/approvals/not-a-uuid'), 422, 'validation_failed');
    const unknown = crypto.randomUUID();
    await expectError(await call(`/api/approvals/${unknown}`), 404, 'not_found');
    await expectError(await decide(unknown, 'approve'), 404, 'not_found');
    await expectError(await call(`/api/orchestrators/${unknown}/approvals`), 404, 'not_found');
    const id = await createOrchestrator({ name: 'approvals bad input' });
    await expectError(
      await call(`/api/orchestrators/${id}/approvals?status=bogus`),
      422,
      'validation_failed',
    );
    expect(await approvals(id)).toEqual([]);

    await withTrader(async ({ orchestratorId, run }) => {
      const asked = run('place_order', { symbol: 'SPY', side: 'buy', qty: 1 }, 'toolu_bad_1');
      const pending = await pendingApproval(orchestratorId);
      expect((await call(`/api/approvals/${pending.id}`)).status).toBe(200);
      await expectError(await decide(pending.id, 'reject', { reason: 7 }), 422, 'validation_failed');
      await expectError(await decide(pending.id, 'approve', { extra: true }), 422, 'validation_failed');
      const response = await call(`/api/approvals/${pending.id}/approve`, {
        method: 'POST',
        body: '{',
        headers: { 'Content-Type': 'application/json' },
      });
      await expectError(response, 400, 'malformed_json');
      // Still pending after every bad request: reject it, then a second decision conflicts.
      expect((await decide(pending.id, 'reject')).status).toBe(200);
      await expectError(await decide(pending.id, 'reject'), 409, 'conflict');
      expect((await asked).content).toContain('Rejected by a person');
      const stored = await withDatabase((db) =>
        db.select().from(orderApprovals).where(eq(orderApprovals.id, pending.id)),
      );
      expect(stored.map((row) => row.status)).toEqual(['rejected']);
    });
  });
});
