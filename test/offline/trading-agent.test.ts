/**
 * The trading desk's "done when", as a new user with no model keys: pick a paper account for the
 * orchestrator, create a trader agent in words, ask it for an iron condor on SPY, approve the order
 * over REST (as the console's Approvals inbox does), read the agent's report, see the 4-leg position
 * with live P&L, have the agent close it (approved too), and find the closed trade with its realised
 * P&L. Every wait is on an event or a row, never on the clock.
 */
import { describe, expect, it } from 'vitest';
import { brokerAccounts } from '../../src/db/schema-trading.ts';
import type { WireEvent } from '../../src/events/types.ts';
import { call, withDatabase } from '../helpers/api.ts';
import { agentIdOf, ask } from '../helpers/conversation.ts';
import { agentStopped, createOrchestrator, ofType, say } from '../helpers/orchestrators.ts';
import { openStream, type StreamClient } from '../helpers/stream.ts';
import { approvals, decide } from '../helpers/trader.ts';

const LABEL = '[offline model]';

interface Positions {
  strategies: Array<{
    id: string;
    underlying: string;
    kind: string;
    legs: Array<{
      symbol: string;
      direction: string;
      qty: number;
      pnl: number | null;
      current_price: number | null;
    }>;
    pnl: number | null;
  }>;
  total_pnl: number | null;
}

async function json<T>(path: string): Promise<T> {
  const response = await call(path);
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The text of the orchestrator's turn that relayed the agent's nth report. */
async function reportTurn(stream: StreamClient, nth: number): Promise<string> {
  const started = await stream.waitFor(
    () => stream.events.filter((e) => e.type === 'turn_started' && e.data.agent_reports).length >= nth,
    `report turn ${nth}`,
  );
  const turn =
    stream.events.filter((e) => e.type === 'turn_started' && e.data.agent_reports)[nth - 1] ?? started;
  const turnId = turn.data.turn_id;
  const end = await stream.waitFor(
    (e) => (e.type === 'turn_completed' || e.type === 'turn_failed') && e.data.turn_id === turnId,
    `the end of report turn ${nth}`,
  );
  return stream.events
    .filter(
      (e: WireEvent) => e.agent_id === undefined && e.type === 'text' && e.seq > turn.seq && e.seq < end.seq,
    )
    .map((e) => String(e.data.text))
    .join('\n');
}

describe('the trading agent with the offline model', () => {
  it('iron condor on SPY: approve, report, positions with P&L, close with approval, realised trade', async () => {
    const id = await createOrchestrator({ name: 'trading desk' });
    // Pick a paper account (its own, so parallel tests never share positions).
    const accountId = crypto.randomUUID();
    await withDatabase((db) =>
      db
        .insert(brokerAccounts)
        .values({ id: accountId, name: 'My paper', broker: 'offline', mode: 'paper', tradingEnabled: true }),
    );
    const picked = await call(`/api/orchestrators/${id}/account`, {
      method: 'PUT',
      json: { account_id: accountId },
    });
    expect(picked.status).toBe(200);
    expect(await picked.json()).toMatchObject({ id: accountId, mode: 'paper' });

    const stream = await openStream(id, 0);
    const created = await ask(id, stream, 'create agent desk as trader');
    expect(created.replies.at(-1)).toContain('Created agent desk');
    const deskId = agentIdOf(stream, 'desk');

    // Help names the trading phrasings.
    const help = await ask(id, stream, 'help');
    expect(help.replies.join('\n')).toContain('tell trader to open an iron condor on SPY');

    await say(id, 'tell desk to open an iron condor on SPY');
    const requested = await stream.waitFor((e) => e.type === 'approval_requested', 'approval_requested');
    expect(requested.agent_id).toBe(deskId);
    const [opening] = await approvals(id, 'pending');
    if (!opening) throw new Error('no pending approval');
    expect(opening.summary).toMatch(
      /^sell 1 SPY iron condor \d{4}-\d{2}-\d{2}: buy put [\d.]+, sell put [\d.]+, sell call [\d.]+, buy call [\d.]+ .* on My paper \(paper\)$/,
    );
    const approved = await decide(opening.id, 'approve');
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ status: 'submitted' });

    await agentStopped(stream, 'desk', 1);
    const opened = await reportTurn(stream, 1);
    expect(opened).toContain(`${LABEL} desk finished`);
    expect(opened).toContain('place_option_strategy: Approved and submitted: sell 1 SPY iron condor');
    expect(opened).toMatch(/Filled 1 at -?\d+\.\d\d \(status filled\)/);

    // The position: one 4-leg iron condor with live P&L.
    const positions = await json<Positions>(`/api/accounts/${accountId}/positions`);
    expect(positions.strategies).toHaveLength(1);
    const [condor] = positions.strategies;
    expect(condor?.kind).toBe('iron_condor');
    expect(condor?.underlying).toBe('SPY');
    expect(condor?.legs.map((leg) => leg.direction).sort()).toEqual(['long', 'long', 'short', 'short']);
    expect(condor?.legs.every((leg) => typeof leg.pnl === 'number')).toBe(true);
    expect(typeof condor?.pnl).toBe('number');

    // The agent shows it too.
    await say(id, 'tell desk to show my positions');
    await agentStopped(stream, 'desk', 2);
    const shown = await reportTurn(stream, 2);
    expect(shown).toContain('SPY iron condor');
    expect(shown).toContain(`[id ${condor?.id}]`);
    expect(shown.match(/^ {2,}(?:long|short) 1 SPY\d{6}[CP]\d{8} entry/gm)).toHaveLength(4);

    // Close it, approved too.
    await say(id, 'tell desk to close the SPY iron condor');
    await stream.waitFor(
      () => ofType(stream.events, 'approval_requested').length >= 2,
      'the closing approval',
    );
    const [closing] = await approvals(id, 'pending');
    if (!closing) throw new Error('no closing approval');
    expect(closing.summary).toMatch(/^close SPY iron condor \d{4}-\d{2}-\d{2}: /);
    expect((await decide(closing.id, 'approve')).status).toBe(200);
    await agentStopped(stream, 'desk', 3);
    const closed = await reportTurn(stream, 3);
    expect(closed).toContain('close_position: Approved and submitted: close SPY iron condor');

    expect((await json<Positions>(`/api/accounts/${accountId}/positions`)).strategies).toEqual([]);
    const trades = await json<{
      trades: Array<{ strategy: string; status: string; realised_pnl: number; legs: unknown[] }>;
      stats: { closed_trades: number; total_realised_pnl: number };
    }>(`/api/accounts/${accountId}/trades?status=closed`);
    expect(trades.trades).toHaveLength(1);
    expect(trades.trades[0]).toMatchObject({ strategy: 'iron_condor', status: 'closed' });
    expect(typeof trades.trades[0]?.realised_pnl).toBe('number');
    expect(trades.stats.closed_trades).toBe(1);
    expect(trades.stats.total_realised_pnl).toBe(trades.trades[0]?.realised_pnl);

    expect(ofType(stream.events, 'order_submitted')).toHaveLength(2);
    expect(ofType(stream.events, 'approval_decided').map((e) => e.data.status)).toEqual([
      'submitted',
      'submitted',
    ]);
    stream.close();
  });
});
