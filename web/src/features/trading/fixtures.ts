/** Wire-shaped samples for the trading view-model tests. */
import type { PositionLeg, PositionStrategy, TradeStats } from './trading-types.ts';

export function leg(over: Partial<PositionLeg> & Pick<PositionLeg, 'symbol' | 'direction'>): PositionLeg {
  return {
    id: `leg-${over.symbol}`,
    kind: 'option',
    type: null,
    strike: null,
    expiry: null,
    qty: 1,
    avg_entry_price: 1,
    current_price: 1,
    pnl: 0,
    pnl_fraction: 0,
    ...over,
  };
}

/** A short SPY iron condor: long 550 put, short 560 put, short 640 call, long 650 call. */
export function ironCondor(): PositionStrategy {
  return {
    id: 'pos_0123456789abcdef',
    underlying: 'SPY',
    expiry: '2026-12-18',
    kind: 'iron_condor',
    legs: [
      leg({
        symbol: 'SPY261218P00550000',
        direction: 'long',
        avg_entry_price: 1.1,
        current_price: 0.9,
        pnl: -20,
      }),
      leg({
        symbol: 'SPY261218P00560000',
        direction: 'short',
        avg_entry_price: 2.0,
        current_price: 1.5,
        pnl: 50,
      }),
      leg({
        symbol: 'SPY261218C00640000',
        direction: 'short',
        avg_entry_price: 1.8,
        current_price: 1.2,
        pnl: 60,
      }),
      leg({
        symbol: 'SPY261218C00650000',
        direction: 'long',
        avg_entry_price: 0.9,
        current_price: 0.6,
        pnl: -30,
      }),
    ],
    pnl: 60,
    cost_basis: -180,
  };
}

export function stats(over: Partial<TradeStats> = {}): TradeStats {
  return {
    total_trades: 3,
    open_trades: 1,
    closed_trades: 2,
    wins: 1,
    losses: 1,
    win_rate: 0.5,
    average_win: 120,
    average_loss: -40,
    profit_factor: 3,
    expectancy: 40,
    total_realised_pnl: 80,
    max_drawdown: 40,
    open_unrealised_pnl: -12.5,
    ...over,
  };
}
