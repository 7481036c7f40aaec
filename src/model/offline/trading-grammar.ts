/**
 * The trader agent's half of the offline grammar (a command agent whose tools include the trading
 * tools; see src/catalog/agents/trader.md). Plain phrasings map to one tool call each:
 * - `open an iron condor on SPY`, `iron condor on SPY, 1 contract`, `sell 2 QQQ iron condors`,
 *   `buy a SPY straddle`, `put vertical on SPY`, `iron condor on SPY expiring 2027-01-15 delta 0.2
 *   wings 10 limit -1.50` → place_option_strategy
 * - `buy 1 SPY call`, `buy a QQQ put delta 0.3` → place_option_strategy (single)
 * - `buy 1 SPY261218C00600000`, `buy 10 shares of SPY` → place_order
 * - `show my positions` / `positions` → get_positions; `what's my account` / `balance` → get_account
 * - `quote SPY, QQQ` → get_quotes; `SPY chain` / `option chain for SPY` → get_option_chain
 * - `close the SPY iron condor` / `close my SPY position` / `close position <id>` → close_position
 * - `cancel order <id>` → cancel_order
 * Anything else falls through to the file grammar (and its hints).
 */
import { type Intent, toolIntent, withoutTrailingPunctuation } from './grammar.ts';

export const TRADING_GRAMMAR = `Trader commands (an agent made from the trader template):
  open an iron condor on SPY   |   iron condor on SPY, 2 contracts   |   sell 1 QQQ iron butterfly
    strategies: iron condor, iron butterfly, vertical (call/put spread), straddle, strangle, calendar
    options: expiring YYYY-MM-DD, delta 0.2, wings 10, limit -1.50 (net per unit; negative = credit)
  buy 1 SPY call  |  buy a QQQ put delta 0.3  |  buy 1 SPY261218C00600000  |  buy 10 shares of SPY
  show my positions  |  what's my account  |  quote SPY, QQQ  |  SPY option chain
  close the SPY iron condor  |  close position <id>  |  cancel order <id>
  Every order waits for your approval in the console (Approvals) or over the API.`;

const TICKER = String.raw`[A-Za-z]{1,6}`;
const STRATEGY_WORDS: Array<[RegExp, string, 'call' | 'put' | undefined]> = [
  [/\biron\s+condors?\b/i, 'iron_condor', undefined],
  [/\biron\s+(?:butterfl(?:y|ies)|flys?)\b/i, 'iron_butterfly', undefined],
  [/\bcall\s+(?:vertical|spread|debit\s+spread|credit\s+spread)s?\b/i, 'vertical', 'call'],
  [/\bput\s+(?:vertical|spread|debit\s+spread|credit\s+spread)s?\b/i, 'vertical', 'put'],
  [/\bverticals?(?:\s+spreads?)?\b/i, 'vertical', undefined],
  [/\bstraddles?\b/i, 'straddle', undefined],
  [/\bstrangles?\b/i, 'strangle', undefined],
  [/\bput\s+calendars?\b/i, 'calendar', 'put'],
  [/\bcalendars?(?:\s+spreads?)?\b/i, 'calendar', undefined],
];
/** Words that are never a ticker in these phrasings. */
const NOT_TICKERS = new Set([
  ...['a', 'an', 'the', 'my', 'on', 'of', 'for', 'in', 'one', 'open', 'buy', 'sell', 'short', 'long'],
  ...['iron', 'call', 'calls', 'put', 'puts', 'shares', 'share', 'contract', 'contracts', 'position'],
  ...['positions', 'strategy', 'order', 'me', 'new', 'and', 'with', 'at', 'x', 'lots', 'lot'],
]);
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5 };
const OCC = /^[A-Z]{1,6}\d{6}[CP]\d{8}$/;

const POSITIONS =
  /^(?:(?:show|list|get|check|what\s+are|how\s+are)\s+(?:me\s+)?)?(?:all\s+)?(?:my\s+|the\s+|open\s+)*positions(?:\s+doing)?(?:\s+with\s+p&l)?$|^(?:p&l|pnl|what(?:'s|\s+is)\s+my\s+(?:p&l|pnl))$/i;
const ACCOUNT =
  /^(?:(?:show|get|check|what(?:'s|\s+is))\s+(?:me\s+)?)?(?:my\s+|the\s+)?(?:account(?:\s+(?:summary|balance|status))?|balance|buying\s+power|equity)$/i;
const QUOTE = /^(?:quotes?|price|prices)\s+(?:of\s+|for\s+)?(.+)$/i;
const CHAIN = new RegExp(
  String.raw`^(?:(?:show|get)\s+(?:me\s+)?(?:the\s+)?)?(?:(?:option\s+)?chain\s+(?:for|of|on)\s+(${TICKER})|(${TICKER})\s+(?:option\s+chain|chain|options))$`,
  'i',
);
const CANCEL = /^cancel\s+(?:the\s+)?order\s+(\S+)$/i;
const CLOSE_ID = /^close\s+(?:the\s+)?(?:position|strategy)\s+(pos_\S+|\S{8,})$/i;
const CLOSE = new RegExp(
  String.raw`^close\s+(?:out\s+)?(?:the\s+|my\s+)?(?<ticker>${TICKER})(?:\s+(?<what>.*?))?\s*$`,
  'i',
);
const SINGLE = new RegExp(
  String.raw`^(?<side>buy|sell)\s+(?<qty>\d+|a|an|one|two|three|four|five)\s+(?<ticker>${TICKER})\s+(?<type>calls?|puts?)\b(?<rest>.*)$`,
  'i',
);
const SYMBOL_ORDER =
  /^(?<side>buy|sell)\s+(?<qty>\d+)\s+(?:contracts?\s+(?:of\s+)?)?(?<symbol>[A-Za-z]{1,6}\d{6}[CPcp]\d{8})(?<rest>.*)$/;
const STOCK_ORDER = new RegExp(
  String.raw`^(?<side>buy|sell)\s+(?<qty>\d+)\s+(?:shares\s+of\s+(?<a>${TICKER})|(?<b>${TICKER})\s+shares)$`,
  'i',
);

/** The trading call a clause asks for, or undefined when it is not a trading phrase. */
export function parseTradingClause(clause: string): Intent[] | undefined {
  const bare = withoutTrailingPunctuation(clause);
  if (POSITIONS.test(bare)) return [toolIntent('get_positions')];
  if (ACCOUNT.test(bare)) return [toolIntent('get_account')];
  const cancel = CANCEL.exec(bare)?.[1];
  if (cancel) return [toolIntent('cancel_order', { order_id: cancel })];
  const closeId = CLOSE_ID.exec(bare)?.[1];
  if (closeId && !NOT_TICKERS.has(closeId.toLowerCase()))
    return [toolIntent('close_position', { strategy_id: closeId })];
  const close = CLOSE.exec(bare)?.groups;
  if (close?.ticker && !NOT_TICKERS.has(close.ticker.toLowerCase())) {
    const kind = strategyOf(close.what ?? '');
    const single = /\b(calls?|puts?)\b/i
      .exec(close.what ?? '')?.[1]
      ?.toLowerCase()
      .replace(/s$/, '');
    return [
      toolIntent('close_position', {
        underlying: close.ticker.toUpperCase(),
        ...(kind ? { kind: kind.strategy } : single ? { kind: single } : {}),
      }),
    ];
  }
  const quote = QUOTE.exec(bare)?.[1];
  if (quote) {
    const symbols = quote.split(/[\s,]+(?:and\s+)?/).filter((s) => s && !/^and$/i.test(s));
    if (symbols.length > 0)
      return [toolIntent('get_quotes', { symbols: symbols.map((s) => s.toUpperCase()) })];
  }
  const chain = CHAIN.exec(bare);
  if (chain)
    return [toolIntent('get_option_chain', { underlying: (chain[1] ?? chain[2] ?? '').toUpperCase() })];
  const stock = STOCK_ORDER.exec(bare)?.groups;
  if (stock?.side && stock.qty) {
    return [
      toolIntent('place_order', {
        order_class: 'simple',
        symbol: (stock.a ?? stock.b ?? '').toUpperCase(),
        side: stock.side.toLowerCase(),
        qty: Number(stock.qty),
        type: 'market',
      }),
    ];
  }
  const symbolOrder = SYMBOL_ORDER.exec(bare)?.groups;
  if (
    symbolOrder?.side &&
    symbolOrder.qty &&
    symbolOrder.symbol &&
    OCC.test(symbolOrder.symbol.toUpperCase())
  ) {
    const limit = /\blimit\s+(-?\d+(?:\.\d+)?)/i.exec(symbolOrder.rest ?? '')?.[1];
    return [
      toolIntent('place_order', {
        order_class: 'simple',
        symbol: symbolOrder.symbol.toUpperCase(),
        side: symbolOrder.side.toLowerCase(),
        qty: Number(symbolOrder.qty),
        ...(limit ? { type: 'limit', limit_price: Number(limit) } : { type: 'market' }),
      }),
    ];
  }
  const single = SINGLE.exec(bare)?.groups;
  if (
    single?.side &&
    single.qty &&
    single.ticker &&
    single.type &&
    !NOT_TICKERS.has(single.ticker.toLowerCase())
  ) {
    return [
      toolIntent('place_option_strategy', {
        underlying: single.ticker.toUpperCase(),
        strategy: 'single',
        type: single.type.toLowerCase().replace(/s$/, ''),
        side: single.side.toLowerCase(),
        qty: quantity(single.qty),
        ...options(single.rest ?? ''),
      }),
    ];
  }
  return parseStrategy(bare);
}

function parseStrategy(bare: string): Intent[] | undefined {
  const found = strategyOf(bare);
  if (!found) return undefined;
  const before = bare.slice(0, found.index);
  const after = bare.slice(found.index + found.length);
  const ticker =
    new RegExp(String.raw`\b(?:on|in|for)\s+(${TICKER})\b`, 'i').exec(after)?.[1] ??
    new RegExp(String.raw`(${TICKER})\s*$`, 'i').exec(before.trim())?.[1];
  if (!ticker || NOT_TICKERS.has(ticker.toLowerCase())) return undefined;
  const side = /\b(sell|short)\b/i.test(before) ? 'sell' : /\b(buy|long)\b/i.test(before) ? 'buy' : undefined;
  const qtyText =
    /(\d+)\s*(?:contracts?|lots?|units?|x)\b/i.exec(bare)?.[1] ??
    /^(?:open|buy|sell|short|long|place)?\s*(\d+|a|an|one|two|three|four|five)\b/i.exec(before.trim())?.[1];
  return [
    toolIntent('place_option_strategy', {
      underlying: ticker.toUpperCase(),
      strategy: found.strategy,
      ...(found.type ? { type: found.type } : {}),
      ...(side ? { side } : {}),
      qty: qtyText ? quantity(qtyText) : 1,
      ...options(after),
    }),
  ];
}

function strategyOf(
  text: string,
): { strategy: string; type: 'call' | 'put' | undefined; index: number; length: number } | undefined {
  for (const [pattern, strategy, type] of STRATEGY_WORDS) {
    const match = pattern.exec(text);
    if (match) return { strategy, type, index: match.index, length: match[0].length };
  }
  return undefined;
}

/** `expiring 2027-01-15`, `delta 0.2` (or `20 delta`), `wings 10` / `10 wide`, `limit -1.5`. */
function options(text: string): Record<string, unknown> {
  const expiry = /\b(?:expiring|expiry|exp|expires)\s+(?:on\s+)?(\d{4}-\d{2}-\d{2})\b/i.exec(text)?.[1];
  const delta =
    /\bdelta\s+(0?\.\d+|\d{1,2})\b/i.exec(text)?.[1] ?? /\b(0?\.\d+|\d{1,2})\s+delta\b/i.exec(text)?.[1];
  const wings =
    /\b(?:wings?|wing\s+width|width)\s+\$?(\d+(?:\.\d+)?)\b/i.exec(text)?.[1] ??
    /\$?(\d+(?:\.\d+)?)\s+(?:wide|point\s+wings?)\b/i.exec(text)?.[1];
  const limit = /\b(?:limit|at)\s+(-?\d+(?:\.\d+)?)\b/i.exec(text)?.[1];
  const deltaValue =
    delta === undefined ? undefined : Number(delta) >= 1 ? Number(delta) / 100 : Number(delta);
  return {
    ...(expiry ? { expiry } : {}),
    ...(deltaValue !== undefined ? { target_delta: deltaValue } : {}),
    ...(wings ? { wing_width: Number(wings) } : {}),
    ...(limit ? { limit_price: Number(limit) } : {}),
  };
}

function quantity(text: string): number {
  return NUMBER_WORDS[text.toLowerCase()] ?? Number(text);
}
