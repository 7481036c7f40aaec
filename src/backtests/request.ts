/**
 * A backtest request as the API and the scheduler accept it, validated without touching the
 * database or the market data: the shape, upper-cased unique symbols, start before end, costs, the
 * strategy's parameters (unknown keys refused, defaults filled, cross-field rules from the engine)
 * and the qtos-v0 compat rules (one symbol, no costs). Whether the bars cover the window is checked
 * against a DailyBarSource in plan.ts.
 */
import { z } from '@hono/zod-openapi';
import { lineText } from '../http/text.ts';
import { resolveStrategy } from '../quant/backtest/strategies.ts';
import { QuantInputError } from '../quant/errors.ts';
import { BacktestInputError } from './errors.ts';
import { checkStrategyParams, STRATEGY_NAMES, strategySpec } from './strategies.ts';

export const MAX_SYMBOLS = 10;
const MAX_CASH = 1e12;
const MAX_BPS = 1_000;

const Ticker = lineText()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9.-]{0,11}$/, 'must be a ticker (letters, digits, "." or "-", up to 12)')
  .transform((value) => value.toUpperCase());

const bps = (description: string) =>
  z
    .number()
    .min(0)
    .max(MAX_BPS)
    .optional()
    .openapi({ description: `${description}; 0 when absent` });

export const BacktestRequestSchema = z
  .object({
    strategy: z.enum(STRATEGY_NAMES).openapi({ description: 'See GET /api/backtests/strategies' }),
    symbols: z
      .array(Ticker)
      .min(1)
      .max(MAX_SYMBOLS)
      .openapi({ example: ['SPY'] }),
    start: z.iso
      .date()
      .openapi({ description: 'First day of the window (YYYY-MM-DD)', example: '2015-01-02' }),
    end: z.iso.date().openapi({ description: 'Last day of the window (YYYY-MM-DD)', example: '2024-12-31' }),
    initial_cash: z.number().positive().max(MAX_CASH).openapi({ example: 100_000 }),
    fee_bps: bps('Fee per fill in basis points of its value'),
    slippage_bps: bps('Slippage per fill in basis points of the price, against the trade'),
    params: z.record(z.string(), z.unknown()).optional().openapi({
      description: 'Strategy parameters (see GET /api/backtests/strategies); defaults fill the rest',
    }),
    compat: z.literal('qtos-v0').nullable().optional().openapi({
      description:
        "qtos-core's rules and metric names: one symbol, same-bar-close fills, 50 shares a buy, no costs",
    }),
    orchestrator_id: z.uuid().nullable().optional(),
  })
  .strict()
  .transform((body, ctx) => {
    const issues = ruleIssues(body);
    const checked = checkStrategyParams(body.strategy, body.params ?? {});
    issues.push(...checked.issues);
    if (checked.issues.length === 0) issues.push(...engineIssues(body.strategy, checked.params));
    for (const issue of issues)
      ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
    if (issues.length > 0) return z.NEVER;
    return {
      ...body,
      fee_bps: body.fee_bps ?? 0,
      slippage_bps: body.slippage_bps ?? 0,
      params: checked.params,
      compat: body.compat ?? null,
      orchestrator_id: body.orchestrator_id ?? null,
    };
  })
  .openapi('BacktestRequest');

export type BacktestRequestInput = z.input<typeof BacktestRequestSchema>;
export type BacktestRequest = z.output<typeof BacktestRequestSchema>;

type Body = Omit<BacktestRequestInput, 'symbols'> & { symbols: string[] };

function ruleIssues(body: Body) {
  const issues: Array<{ path: string; message: string }> = [];
  body.symbols.forEach((symbol, index) => {
    if (body.symbols.indexOf(symbol) !== index)
      issues.push({ path: `symbols.${index}`, message: `${symbol} is listed twice` });
  });
  if (body.start >= body.end)
    issues.push({ path: 'end', message: `must be after start (${body.start} ≥ ${body.end})` });
  if (body.compat === 'qtos-v0') {
    if (body.symbols.length !== 1)
      issues.push({ path: 'symbols', message: `qtos-v0 backtests one symbol (got ${body.symbols.length})` });
    for (const key of ['fee_bps', 'slippage_bps'] as const)
      if ((body[key] ?? 0) > 0) issues.push({ path: key, message: 'qtos-v0 has no costs; leave it at 0' });
  }
  return issues;
}

/** The engine's cross-field rules (fast < slow, entry below exit), reported on `params.<name>`. */
function engineIssues(strategy: Body['strategy'], params: Record<string, number>) {
  try {
    resolveStrategy(strategySpec(strategy, params));
    return [];
  } catch (error) {
    if (!(error instanceof QuantInputError)) throw error;
    const name = error.field.replace(/^strategy\./, '');
    return [{ path: `params.${name}`, message: error.message.slice(error.field.length + 1) }];
  }
}

/** Parses anything claiming to be a request (a stored schedule's params, say); throws BacktestInputError. */
export function parseBacktestRequest(input: unknown): BacktestRequest {
  const parsed = BacktestRequestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new BacktestInputError(
    parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || 'request', message: issue.message })),
  );
}
