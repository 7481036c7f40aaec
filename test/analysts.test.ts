/**
 * The LLM analysts against the real database and the Messages API emulator (requests carry the scope
 * `<orchestrator id>:analyst`): each forces its tool, stores the answer in `analyst_reports` and
 * prices every call into `model_calls` (purpose `analyst`); a second sentiment reading reports the
 * shift; an off-schema answer is asked for once more, then 502; an overloaded model is a 503; a spent
 * budget refuses before calling; bad input gets the one error shape and writes nothing.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { insertModelCall } from '../src/db/model-calls.ts';
import { modelCalls } from '../src/db/schema.ts';
import { analystReports } from '../src/db/schema-pipelines.ts';
import { call, expectError, withDatabase } from './helpers/api.ts';
import { type EmulatorStep, modelRequests, scriptModel } from './helpers/emulator.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { issuePaths } from './helpers/recorded-state.ts';

const scope = (id: string) => `${id}:analyst`;
const post = (path: string, json: unknown) => call(`/api/analysts/${path}`, { method: 'POST', json });
const tool = (
  name: string,
  input: Record<string, unknown>,
  extra: Partial<EmulatorStep> = {},
): EmulatorStep => ({ tool_uses: [{ name, input }], ...extra }) as EmulatorStep;
const sentimentAnswer = (score: number, extra: Partial<EmulatorStep> = {}) =>
  tool('report_sentiment', { score, confidence: 0.8, explanation: `Scored ${score}.` }, extra);

const callsOf = (id: string) =>
  withDatabase((db) => db.select().from(modelCalls).where(eq(modelCalls.orchestratorId, id)));
const reportsOf = (id: string) =>
  withDatabase((db) => db.select().from(analystReports).where(eq(analystReports.orchestratorId, id)));

// The later item is given with an offset: asof is the latest instant, in UTC.
const NEWS = [
  { headline: 'Shares surge after earnings beat', published_at: '2024-05-01T13:00:00Z', source: 'wire' },
  { headline: 'Guidance raised', summary: 'Margins improve.', published_at: '2024-05-02T13:00:00+02:00' },
];

interface Sentiment {
  id: string;
  score: number;
  previous_score: number | null;
  delta: number | null;
  shift_alert: boolean;
  news_count: number;
  asof: string;
  model: string;
  cost_usd: number;
}

describe('POST /analysts/sentiment-shift', () => {
  it('forces the tool, stores the reading, prices the call, and reports the shift on the next one', async () => {
    const id = await createOrchestrator();
    await scriptModel(scope(id), [
      sentimentAnswer(0.6, { usage: { input_tokens: 1_000, output_tokens: 100 } }),
      sentimentAnswer(0.2),
    ]);
    const first = await post('sentiment-shift', { orchestrator_id: id, symbol: 'acme', news: NEWS });
    expect(first.status).toBe(201);
    const one = (await first.json()) as Sentiment;
    expect(one).toMatchObject({
      score: 0.6,
      previous_score: null,
      delta: null,
      shift_alert: false,
      news_count: 2,
      asof: '2024-05-02T11:00:00.000Z',
      model: 'claude-sonnet-5',
      symbol: 'ACME',
    });
    // 1,000 input and 100 output tokens at $2 and $10 per million.
    expect(one.cost_usd).toBeCloseTo(0.003, 6);

    const [request] = await modelRequests(scope(id));
    const sent = request?.body as {
      tool_choice: unknown;
      tools: Array<{ name: string; input_schema: { properties: Record<string, unknown> } }>;
      messages: Array<{ content: string }>;
    };
    expect(sent.tool_choice).toEqual({ type: 'tool', name: 'report_sentiment' });
    expect(sent.tools.map((t) => t.name)).toEqual(['report_sentiment']);
    expect(Object.keys(sent.tools[0]?.input_schema.properties ?? {})).toEqual([
      'score',
      'confidence',
      'explanation',
    ]);
    expect(sent.messages[0]?.content).toContain('"headline":"Shares surge after earnings beat"');

    const second = (await (
      await post('sentiment-shift', { orchestrator_id: id, symbol: 'ACME', news: NEWS })
    ).json()) as Sentiment;
    expect(second).toMatchObject({ score: 0.2, previous_score: 0.6, delta: -0.4, shift_alert: true });

    const rows = await callsOf(id);
    expect(rows.map((row) => row.purpose)).toEqual(['analyst', 'analyst']);
    expect(rows.find((row) => row.inputTokens === 1_000)?.costUsd).toBeCloseTo(0.003, 6);
    const reports = await reportsOf(id);
    expect(reports).toHaveLength(2);
    const stored = reports.find((row) => row.id === one.id);
    expect(stored).toMatchObject({ kind: 'sentiment_shift', symbol: 'ACME', model: 'claude-sonnet-5' });
    expect(stored?.input).toMatchObject({ news_source: 'request', news: NEWS });
    expect(stored?.output).toMatchObject({ score: 0.6 });

    const listed = (await (
      await call(`/api/analysts/reports?orchestrator_id=${id}&symbol=acme&limit=1`)
    ).json()) as {
      reports: Array<{ id: string; kind: string }>;
      next_cursor: string | null;
    };
    expect(listed.reports.map((r) => r.id)).toEqual([second.id]);
    const rest = (await (
      await call(`/api/analysts/reports?orchestrator_id=${id}&limit=1&cursor=${listed.next_cursor}`)
    ).json()) as { reports: Array<{ id: string }>; next_cursor: string | null };
    expect(rest.reports.map((r) => r.id)).toEqual([one.id]);
    const otherKind = await call(`/api/analysts/reports?orchestrator_id=${id}&kind=insider_report`);
    expect(await otherKind.json()).toEqual({ reports: [], next_cursor: null });
  });

  it('asks once more after an off-schema answer, then 502, pricing both calls and storing nothing', async () => {
    const id = await createOrchestrator();
    await scriptModel(scope(id), [
      tool('report_sentiment', { score: 3, confidence: 0.5, explanation: 'x' }),
      { text: 'no tool' },
    ]);
    const error = await expectError(
      await post('sentiment-shift', { orchestrator_id: id, symbol: 'SPY' }),
      502,
      'service_unavailable',
    );
    expect(error.error.message).toContain('report_sentiment');
    expect(await modelRequests(scope(id))).toHaveLength(2);
    expect((await callsOf(id)).map((row) => row.purpose)).toEqual(['analyst', 'analyst']);
    expect(await reportsOf(id)).toEqual([]);
  });

  it.each([529, 429, 500])('503 when the model answers %i, storing nothing', async (status) => {
    const id = await createOrchestrator();
    await scriptModel(scope(id), [{ error: { status } }]);
    const response = await post('sentiment-shift', { orchestrator_id: id, symbol: 'SPY' });
    const error = await expectError(response, 503, 'service_unavailable');
    expect(error.error.message).toContain(String(status));
    expect(await modelRequests(scope(id))).toHaveLength(1);
    expect(await reportsOf(id)).toEqual([]);
  });

  it('409 before calling the model when the budget is spent', async () => {
    const id = await createOrchestrator({ budget_usd: 0.01 });
    await withDatabase((db) =>
      insertModelCall(db, {
        orchestratorId: id,
        purpose: 'orchestrator',
        model: 'claude-sonnet-5',
        costUsd: 0.02,
      }),
    );
    const error = await expectError(
      await post('sentiment-shift', { orchestrator_id: id, symbol: 'SPY' }),
      409,
      'conflict',
    );
    expect(error.error.message).toContain('budget');
    expect(await modelRequests(scope(id))).toEqual([]);
  });
});

describe('POST /analysts/insider-report and /analysts/trade-journal', () => {
  it('hands the computed aggregates to the model and returns them beside its reading', async () => {
    const id = await createOrchestrator();
    await scriptModel(scope(id), [
      tool('report_insider_activity', {
        summary: 'Two buyers.',
        signal: 'bullish',
        confidence: 0.7,
        report: '## R',
      }),
    ]);
    const response = await post('insider-report', {
      orchestrator_id: id,
      symbol: 'ACME',
      transactions: [
        {
          insider_name: 'Ann',
          transaction_date: '2024-03-01',
          transaction_code: 'p',
          shares: 100,
          price: 10,
        },
        { insider_name: 'Bo', transaction_date: '2024-03-02', transaction_code: 'P', shares: 50, price: 12 },
        { insider_name: 'Cy', transaction_date: '2024-03-03', transaction_code: 'M', shares: 999 },
      ],
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      net_shares: 150,
      net_value: 1_600,
      buyers: 2,
      sellers: 0,
      signal: 'bullish',
      summary: 'Two buyers.',
      report: '## R',
      model: 'claude-sonnet-5',
    });
    const [request] = await modelRequests(scope(id));
    const sent = request?.body as { tool_choice: unknown; messages: Array<{ content: string }> };
    expect(sent.tool_choice).toEqual({ type: 'tool', name: 'report_insider_activity' });
    expect(sent.messages[0]?.content).toContain('"net_shares":150');
  });

  it('computes the journal metrics and returns the coaching', async () => {
    const id = await createOrchestrator();
    const coaching = {
      strengths: ['Cuts losers'],
      weaknesses: [],
      rules: ['Risk 1% per trade'],
      summary: 'Fine.',
    };
    await scriptModel(scope(id), [tool('coach_trade_journal', coaching)]);
    const response = await post('trade-journal', {
      orchestrator_id: id,
      trades: [
        { date: '2024-01-02', symbol: 'SPY', side: 'long', qty: 10, entry: 100, exit: 110, fees: 2 },
        { date: '2024-01-03', symbol: 'SPY', side: 'short', qty: 10, entry: 100, exit: 104 },
      ],
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { metrics: Record<string, unknown>; coaching: unknown };
    expect(body.metrics).toEqual({
      num_trades: 2,
      win_rate: 0.5,
      avg_win: 98,
      avg_loss: 40,
      profit_factor: 2.45,
      expectancy: 29,
      total_pnl: 58,
      max_drawdown: 40,
    });
    expect(body.coaching).toEqual(coaching);
    const [stored] = await reportsOf(id);
    expect(stored).toMatchObject({ kind: 'trade_journal', symbol: 'SPY' });
  });
});

describe('the analyst routes refuse bad input', () => {
  it('404 for an unknown orchestrator, 409 for an archived one', async () => {
    await expectError(
      await post('trade-journal', {
        orchestrator_id: crypto.randomUUID(),
        trades: [{ date: '2024-01-02', symbol: 'SPY', side: 'long', qty: 1, entry: 1, exit: 2 }],
      }),
      404,
      'not_found',
    );
    const id = await createOrchestrator();
    expect((await call(`/api/orchestrators/${id}/archive`, { method: 'POST' })).status).toBe(200);
    await expectError(await post('sentiment-shift', { orchestrator_id: id, symbol: 'SPY' }), 409, 'conflict');
  });

  it('422 without news for a symbol that has no bundled sample', async () => {
    const id = await createOrchestrator();
    const error = await expectError(
      await post('sentiment-shift', { orchestrator_id: id, symbol: 'ACME' }),
      422,
      'validation_failed',
    );
    expect(error.error.message).toContain('news');
    expect(issuePaths(error.error.details)).toContain('body.news');
    expect(await modelRequests(scope(id))).toEqual([]);
  });

  const trade = { date: '2024-01-02', symbol: 'SPY', side: 'long', qty: 1, entry: 1, exit: 2 };
  it.each([
    [
      'sentiment-shift',
      'a headline with a NUL',
      { symbol: 'SPY', news: [{ headline: 'a\u0000', published_at: '2024-01-01T00:00:00Z' }] },
      'body.news',
    ],
    [
      'sentiment-shift',
      'a headline with a line feed',
      { symbol: 'SPY', news: [{ headline: 'a\nb', published_at: '2024-01-01T00:00:00Z' }] },
      'body.news',
    ],
    [
      'sentiment-shift',
      'a bad published_at',
      { symbol: 'SPY', news: [{ headline: 'a', published_at: 'yesterday' }] },
      'body.news',
    ],
    ['sentiment-shift', 'a bad symbol', { symbol: 'S P Y' }, 'body.symbol'],
    [
      'insider-report',
      'an unknown code',
      {
        symbol: 'SPY',
        transactions: [
          { insider_name: 'a', transaction_date: '2024-01-01', transaction_code: 'PP', shares: 1 },
        ],
      },
      'body.transactions',
    ],
    [
      'insider-report',
      'zero shares',
      {
        symbol: 'SPY',
        transactions: [
          { insider_name: 'a', transaction_date: '2024-01-01', transaction_code: 'P', shares: 0 },
        ],
      },
      'body.transactions',
    ],
    ['trade-journal', 'no trades', { trades: [] }, 'body.trades'],
    ['trade-journal', 'a zero quantity', { trades: [{ ...trade, qty: 0 }] }, 'body.trades'],
    ['trade-journal', 'negative fees', { trades: [{ ...trade, fees: -1 }] }, 'body.trades'],
    ['trade-journal', 'an unknown side', { trades: [{ ...trade, side: 'flat' }] }, 'body.trades'],
    ['trade-journal', 'an unknown field', { trades: [trade], model: 'opus' }, 'body'],
  ])('%s: 422 for %s', async (path, _label, body, issue) => {
    const id = await createOrchestrator();
    const error = await expectError(
      await post(path, { orchestrator_id: id, ...body }),
      422,
      'validation_failed',
    );
    expect(issuePaths(error.error.details).some((p) => p.startsWith(issue))).toBe(true);
    expect(await modelRequests(scope(id))).toEqual([]);
    expect(await reportsOf(id)).toEqual([]);
  });

  it('422 for a bad listing query', async () => {
    await expectError(
      await call(`/api/analysts/reports?orchestrator_id=${crypto.randomUUID()}`),
      404,
      'not_found',
    );
    await expectError(await call('/api/analysts/reports?orchestrator_id=nope'), 422, 'validation_failed');
    const id = await createOrchestrator();
    await expectError(
      await call(`/api/analysts/reports?orchestrator_id=${id}&cursor=zz`),
      422,
      'validation_failed',
    );
    await expectError(
      await call(`/api/analysts/reports?orchestrator_id=${id}&kind=poem`),
      422,
      'validation_failed',
    );
  });
});
