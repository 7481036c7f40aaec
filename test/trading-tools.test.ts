/**
 * The trader's tools against the offline paper broker, called as the runtime calls them: the read
 * tools' concise answers, Greeks against the reference values, closing one leg and cancelling a
 * resting order (orders approved over REST, as a person would).
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TRADING_TOOL_NAMES } from '../src/catalog/schemas.ts';
import { tradingTools } from '../src/tools/trading/index.ts';
import { type ToolContext, ToolError, type ToolResult } from '../src/tools/types.ts';
import { withDatabase } from './helpers/api.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { approvals, decide, ownPaperAccount } from './helpers/trader.ts';
import { until } from './helpers/wait.ts';

const tools = tradingTools(env);

interface Harness {
  orchestratorId: string;
  run(name: string, input: unknown, toolUseId?: string): Promise<ToolResult>;
  fail(name: string, input: unknown): Promise<string>;
  /** Runs an order tool and approves the approval it asks for. */
  approved(name: string, input: unknown): Promise<ToolResult>;
}

async function withTools(fn: (h: Harness) => Promise<void>): Promise<void> {
  const orchestratorId = await createOrchestrator({ name: 'trading tools' });
  await ownPaperAccount(orchestratorId);
  await withDatabase(async (db) => {
    const run = async (name: string, input: unknown, toolUseId = `toolu_${crypto.randomUUID()}`) => {
      const tool = tools.find((t) => t.name === name);
      if (!tool) throw new Error(`no tool ${name}`);
      const ctx: ToolContext = {
        db,
        orchestratorId,
        agentId: null,
        promptId: null,
        toolUseId,
        signal: new AbortController().signal,
        events: { emit: () => {} },
      };
      return tool.run(tool.input.parse(input), ctx);
    };
    const fail = async (name: string, input: unknown) => {
      const error = await run(name, input).then(
        (result) => new Error(`expected a ToolError, got ${result.content}`),
        (thrown: unknown) => thrown,
      );
      if (!(error instanceof ToolError)) throw error;
      return error.message;
    };
    const approved = async (name: string, input: unknown) => {
      const before = (await approvals(orchestratorId)).length;
      const result = run(name, input);
      const pending = await until(async () => {
        const all = await approvals(orchestratorId);
        return all.length > before && all.find((a) => a.status === 'pending');
      }, 'a pending approval');
      expect((await decide(pending.id, 'approve')).status).toBe(200);
      return result;
    };
    await fn({ orchestratorId, run, fail, approved });
  });
}

describe('trading tools: definitions', () => {
  it('are the catalog names, orders not concurrency-safe, every field described', () => {
    expect(tools.map((t) => t.name).sort()).toEqual([...TRADING_TOOL_NAMES].sort());
    const writers = ['place_order', 'place_option_strategy', 'cancel_order', 'close_position'];
    for (const tool of tools) {
      expect(tool.concurrencySafe, tool.name).toBe(!writers.includes(tool.name));
      const schema = z.toJSONSchema(tool.input) as { properties?: Record<string, { description?: string }> };
      for (const [field, property] of Object.entries(schema.properties ?? {})) {
        expect(property.description, `${tool.name}.${field}`).toBeTruthy();
      }
    }
  });
});

describe('trading tools: reading', () => {
  it('account, empty positions, quotes and a concise chain', async () => {
    await withTools(async ({ run }) => {
      const account = await run('get_account', {});
      expect(account.content).toMatch(
        /^Account Trader test paper \(offline paper\), status \w+\.\nEquity \$[\d,.]+, cash/,
      );
      expect(account.content).toContain("Every order needs a person's approval.");
      expect((await run('get_positions', {})).content).toBe(
        'No open positions on Trader test paper (offline paper).',
      );
      const quotes = await run('get_quotes', { symbols: ['spy'] });
      expect(quotes.content).toMatch(/^SPY: bid \d+\.\d\d ask \d+\.\d\d mid \d+\.\d\d \(/);
      const chain = await run('get_option_chain', {
        underlying: 'SPY',
        strikes_around: 2,
        max_expiries: 1,
        type: 'put',
      });
      const lines = chain.content.split('\n');
      expect(lines[0]).toMatch(/^SPY at \d+\.\d\d\.$/);
      expect(lines[1]).toMatch(/^Expiry \d{4}-\d{2}-\d{2}:$/);
      const rows = lines.slice(2);
      expect(rows).toHaveLength(5);
      for (const row of rows)
        expect(row).toMatch(/^ {2}SPY\d{6}P\d{8} put [\d.]+ bid \S+ ask \S+ mid \S+ delta -?\d\.\d\d iv /);
    });
  });

  it('Greeks match the reference values; missing inputs are the model’s to fix', async () => {
    await withTools(async ({ run, fail }) => {
      const result = await run('compute_greeks', {
        type: 'call',
        spot: 49,
        strike: 50,
        rate: 0.05,
        volatility: 0.2,
        expires_in_days: 140,
      });
      const data = result.data as { price: number; delta: number };
      expect(data.price).toBeCloseTo(2.4, 1);
      expect(data.delta).toBeCloseTo(0.52, 2);
      expect(
        await fail('compute_greeks', { type: 'call', spot: 49, strike: 50, expires_in_days: 10 }),
      ).toContain('give volatility, or price');
      expect(await fail('compute_greeks', { type: 'call', spot: 49, strike: 50, volatility: 0.2 })).toContain(
        'give expiry',
      );
    });
  });
});

describe('trading tools: orders', () => {
  it('closes one leg of an iron condor (approved), leaving three; unknown positions are named', async () => {
    await withTools(async ({ run, fail, approved }) => {
      expect(await fail('close_position', { underlying: 'SPY' })).toBe('no open SPY position');
      const opened = await approved('place_option_strategy', {
        underlying: 'SPY',
        strategy: 'iron_condor',
        qty: 1,
      });
      expect(opened.content).toContain('Approved and submitted');
      const legs = (opened.data as { legs: string[] }).legs;
      expect(legs).toHaveLength(4);
      const leg = legs[0] as string;
      const closed = await approved('close_position', { underlying: 'SPY', kind: 'iron condor', leg });
      expect(closed.content).toMatch(
        new RegExp(`^Approved and submitted: close 1 ${leg} of SPY iron condor`),
      );
      const positions = await run('get_positions', {});
      expect(positions.content).not.toContain(leg);
      expect(positions.content.match(/^ {2}(?:long|short) 1 SPY/gm)).toHaveLength(3);
      expect(await fail('close_position', { strategy_id: 'pos_0000000000000000' })).toContain(
        'no open strategy',
      );
    });
  });

  it('cancels a resting limit order without asking anyone', async () => {
    await withTools(async ({ run, orchestratorId, approved }) => {
      const placed = await approved('place_order', {
        symbol: 'SPY',
        side: 'buy',
        qty: 1,
        type: 'limit',
        limit_price: 1,
      });
      const orderId = (placed.data as { broker_order_id: string }).broker_order_id;
      expect(placed.content).toContain(`Order ${orderId}.`);
      const before = (await approvals(orchestratorId)).length;
      const cancelled = await run('cancel_order', { order_id: orderId });
      expect(cancelled.content).toBe(`Cancel requested for order ${orderId}: status canceled.`);
      expect(await approvals(orchestratorId)).toHaveLength(before);
    });
  });
});
