/** Trade analytics over broker fills: grouping, strategy detection, FIFO P&L, statistics, CSV. */
export { csvCell, describeLeg, TRADE_CSV_COLUMNS, tradesToCsv } from './csv.ts';
export { TradeInputError } from './errors.ts';
export { DEFAULT_OPEN_WINDOW_MS, type FillPart, type GroupingOptions } from './group-fills.ts';
export { instrumentOf, intrinsicValue } from './instrument.ts';
export type { MatchedClose } from './lot-book.ts';
export { roundMoney } from './money.ts';
export { fnv1a64, stableId } from './stable-id.ts';
export { type TradeStats, tradeStats } from './stats.ts';
export { type DetectedStrategy, detectStrategy, type StrategyKind, type StrategyLeg } from './strategy.ts';
export { type Marks, type Trade, type TradeLeg, type TradeStatus, tradeId } from './summarise-trade.ts';
export { type BuildTradesOptions, buildTrades } from './trades.ts';
export type { BrokerFill, Direction, FillSide, Instrument, OptionEvent, PositionIntent } from './types.ts';
