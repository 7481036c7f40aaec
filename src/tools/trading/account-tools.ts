/** Read-only views of the account: its balances, its positions grouped into strategies, quotes. */
import { z } from 'zod';
import type { BrokerEnvironment } from '../../trading/broker/factory.ts';
import { groupPositions } from '../../trading/positions/index.ts';
import { defineTool } from '../types.ts';
import { accountLabel, brokerCall, midOf, money, price, tradingSession } from './session.ts';

export function accountTools(env: BrokerEnvironment) {
  const getAccount = defineTool({
    name: 'get_account',
    description:
      'The trading account this orchestrator uses: name, paper or live, equity, cash, buying power, ' +
      "today's P&L, and its limits (trading enabled, max order notional, max daily loss).",
    input: z.object({}),
    concurrencySafe: true,
    async run(_input, ctx) {
      const { account, broker } = await tradingSession(ctx, env);
      const summary = await brokerCall('reading the account', () => broker.account());
      const dayPnl = summary.equity - summary.lastEquity;
      const lines = [
        `Account ${accountLabel(account)}, status ${summary.status}.`,
        `Equity ${money(summary.equity)}, cash ${money(summary.cash)}, buying power ${money(summary.buyingPower)}` +
          `${summary.optionsBuyingPower !== null ? `, options buying power ${money(summary.optionsBuyingPower)}` : ''}.`,
        `Today's P&L ${money(dayPnl)}.`,
        `Trading ${account.tradingEnabled ? 'enabled' : 'disabled'}; max order notional ${money(account.maxOrderNotional)}; ` +
          `max daily loss ${money(account.maxDailyLoss)}. Every order needs a person's approval.`,
      ];
      return {
        content: lines.join('\n'),
        data: { account_id: account.id, mode: account.mode, equity: summary.equity, day_pnl: dayPnl },
      };
    },
  });

  const getPositions = defineTool({
    name: 'get_positions',
    description:
      'Open positions grouped into strategies (options by underlying and expiry), each with its id (for ' +
      'close_position), legs, entry and current prices and live P&L.',
    input: z.object({}),
    concurrencySafe: true,
    async run(_input, ctx) {
      const { account, broker } = await tradingSession(ctx, env);
      const positions = await brokerCall('reading positions', () => broker.positions());
      const strategies = groupPositions(account.id, positions);
      if (strategies.length === 0)
        return { content: `No open positions on ${accountLabel(account)}.`, data: { strategies: 0 } };
      const total = strategies.reduce((sum, s) => sum + (s.totalPnl ?? 0), 0);
      const blocks = strategies.map((strategy) => {
        const head = `${strategy.underlying} ${strategy.strategy.replaceAll('_', ' ')}${strategy.expiry ? ` ${strategy.expiry}` : ''} [id ${strategy.id}]: P&L ${money(strategy.totalPnl)}`;
        const legs = strategy.legs.map(
          (leg) =>
            `  ${leg.direction} ${leg.qty} ${leg.symbol} entry ${price(leg.avgEntryPrice)} now ${price(leg.currentPrice)} P&L ${money(leg.pnl)}`,
        );
        return [head, ...legs].join('\n');
      });
      return {
        content: `Positions on ${accountLabel(account)} (total P&L ${money(total)}):\n${blocks.join('\n')}`,
        data: { strategies: strategies.length, total_pnl: total, ids: strategies.map((s) => s.id) },
      };
    },
  });

  const getQuotes = defineTool({
    name: 'get_quotes',
    description:
      'Latest bid/ask/mid for stock tickers and OCC option symbols (e.g. SPY, SPY261218C00600000).',
    input: z.object({
      symbols: z
        .array(z.string().trim().toUpperCase().min(1).max(32))
        .min(1)
        .max(50)
        .describe('Tickers or OCC option symbols, up to 50'),
    }),
    concurrencySafe: true,
    async run(input, ctx) {
      const { broker } = await tradingSession(ctx, env);
      const quotes = await brokerCall('reading quotes', () => broker.latestQuotes(input.symbols));
      const bySymbol = new Map(quotes.map((quote) => [quote.symbol, quote]));
      const lines = input.symbols.map((symbol) => {
        const quote = bySymbol.get(symbol);
        return quote
          ? `${symbol}: bid ${price(quote.bid)} ask ${price(quote.ask)} mid ${price(midOf(quote))} (${quote.time})`
          : `${symbol}: no quote`;
      });
      return { content: lines.join('\n'), data: { quotes: quotes.length } };
    },
  });

  return [getAccount, getPositions, getQuotes];
}
