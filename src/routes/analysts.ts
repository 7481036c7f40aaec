/**
 * The LLM analysts (src/analysts), each answering through a forced tool call, stored in
 * `analyst_reports`, and priced into `model_calls` with purpose `analyst`:
 * - `POST /analysts/sentiment-shift` a sentiment score of a symbol's news, with the change since the
 *   previous reading (an alert at |delta| ≥ 0.3);
 * - `POST /analysts/insider-report` insider-transaction aggregates (computed) and their reading;
 * - `POST /analysts/trade-journal` journal metrics (computed) and coaching;
 * - `GET /analysts/reports` the stored answers, newest first.
 * 409 when the orchestrator is archived or its budget is spent; 503 when the model fails; 502 when it
 * answers off-schema twice (the calls are still priced).
 */
import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { insiderReport, sentimentShift, tradeJournal } from '../analysts/analysts.ts';
import type { AnalystDeps } from '../analysts/consult.ts';
import { type AnalystReportRow, listAnalystReports } from '../analysts/reports-db.ts';
import { createRouter } from '../http/router.ts';
import type { AppEnv } from '../http/types.ts';
import { createModelClient } from '../model/client.ts';
import {
  InsiderRequestSchema,
  InsiderResponseSchema,
  JournalRequestSchema,
  JournalResponseSchema,
  ReportListSchema,
  ReportsQuerySchema,
  SentimentRequestSchema,
  SentimentResponseSchema,
} from './analysts-schemas.ts';
import { ErrorResponseSchema, errorResponses } from './common-schemas.ts';
import { requireOrchestrator } from './hub.ts';
import { nextBefore } from './page-cursor.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const security = [{ bearerAuth: [] }];
const tags = ['analysts'];
const analystErrors = {
  ...errorResponses(400, 401, 404, 409, 413, 415, 422, 503),
  502: { description: 'The model answered off-schema twice', content: json(ErrorResponseSchema) },
};

const sentiment = createRoute({
  method: 'post',
  path: '/analysts/sentiment-shift',
  tags,
  summary: "A symbol's news sentiment, and its shift since the previous reading",
  description:
    'The model scores the news (tool `report_sentiment`); without `news`, the bundled sample headlines ' +
    'of SPY, QQQ, TLT, GLD and SLV are read (422 for other symbols). `shift_alert` when the score moved ' +
    'by at least 0.3 since the previous reading of the symbol by the same orchestrator.',
  security,
  request: { body: { content: json(SentimentRequestSchema), required: true } },
  responses: {
    201: { description: 'The reading', content: json(SentimentResponseSchema) },
    ...analystErrors,
  },
});

const insider = createRoute({
  method: 'post',
  path: '/analysts/insider-report',
  tags,
  summary: 'Insider-transaction aggregates and what they suggest',
  description:
    'Net shares and value, buyers and sellers and the notable trades are computed from open-market ' +
    'purchases (P) and sales (S); the model (tool `report_insider_activity`) writes the summary, the ' +
    'signal and a Markdown report. Without `transactions`, bundled samples for SPY, QQQ, TLT, GLD, SLV.',
  security,
  request: { body: { content: json(InsiderRequestSchema), required: true } },
  responses: { 201: { description: 'The report', content: json(InsiderResponseSchema) }, ...analystErrors },
});

const journal = createRoute({
  method: 'post',
  path: '/analysts/trade-journal',
  tags,
  summary: 'Trade-journal metrics and coaching',
  description:
    'Win rate, averages, profit factor, expectancy, total P&L and max drawdown are computed from the ' +
    'trades; the model (tool `coach_trade_journal`) names strengths, weaknesses and actionable rules.',
  security,
  request: { body: { content: json(JournalRequestSchema), required: true } },
  responses: { 201: { description: 'The review', content: json(JournalResponseSchema) }, ...analystErrors },
});

const list = createRoute({
  method: 'get',
  path: '/analysts/reports',
  tags,
  summary: "An orchestrator's analyst reports, newest first",
  security,
  request: { query: ReportsQuerySchema },
  responses: {
    200: { description: 'A page of reports', content: json(ReportListSchema) },
    ...errorResponses(401, 404, 422, 503),
  },
});

async function analystContext(c: Context<AppEnv>, orchestratorId: string) {
  const orchestrator = await requireOrchestrator(c, orchestratorId, { live: true });
  const { client, provider } = createModelClient(c.env);
  const deps: AnalystDeps = { db: c.var.db(), client, provider };
  return { deps, orchestrator };
}

function toReportJson({ row }: { row: AnalystReportRow }) {
  return {
    id: row.id,
    orchestrator_id: row.orchestratorId,
    kind: row.kind,
    symbol: row.symbol,
    input: row.input,
    output: row.output,
    model: row.model,
    created_at: row.createdAt.toISOString(),
  };
}

export const analystsRoutes = createRouter()
  .openapi(sentiment, async (c) => {
    const { orchestrator_id, ...input } = c.req.valid('json');
    const { deps, orchestrator } = await analystContext(c, orchestrator_id);
    return c.json(await sentimentShift(deps, orchestrator, input), 201);
  })
  .openapi(insider, async (c) => {
    const { orchestrator_id, ...input } = c.req.valid('json');
    const { deps, orchestrator } = await analystContext(c, orchestrator_id);
    return c.json(await insiderReport(deps, orchestrator, input), 201);
  })
  .openapi(journal, async (c) => {
    const { orchestrator_id, ...input } = c.req.valid('json');
    const { deps, orchestrator } = await analystContext(c, orchestrator_id);
    return c.json(await tradeJournal(deps, orchestrator, input), 201);
  })
  .openapi(list, async (c) => {
    const query = c.req.valid('query');
    await requireOrchestrator(c, query.orchestrator_id);
    const rows = await listAnalystReports(c.var.db(), {
      orchestratorId: query.orchestrator_id,
      kind: query.kind,
      symbol: query.symbol,
      limit: query.limit,
      before: query.cursor,
    });
    return c.json({ reports: rows.map(toReportJson), next_cursor: nextBefore(rows, query.limit) }, 200);
  });
