/**
 * Turns "an iron condor on SPY" into concrete legs from the chain: which expiry, which strikes, which
 * side of each, and the net price at the mid. Pure: the caller fetches the chain and the spot price.
 * Every kind is built in its usual form (iron condor and iron butterfly sold for a credit; vertical,
 * straddle, strangle, calendar and single bought) and `side` opposite to that flips every leg.
 */
import { round2 } from './chain.ts';
import {
  side as chainSide,
  chooseExpiry,
  laterExpiry,
  nearestDelta,
  nearestStrike,
  strikeStep,
} from './pick.ts';
import {
  type BuiltLeg,
  type BuiltStrategy,
  type ChainContract,
  StrategyBuildError,
  type StrategyKind,
  type StrategyRequest,
} from './types.ts';

export interface BuildInput {
  request: StrategyRequest;
  contracts: readonly ChainContract[];
  /** The underlying's price now. */
  spot: number;
  /** YYYY-MM-DD (New York): expiries on or before it are not offered. */
  today: string;
}

const USUAL_SIDE: Record<StrategyKind, 'buy' | 'sell'> = {
  iron_condor: 'sell',
  iron_butterfly: 'sell',
  vertical: 'buy',
  straddle: 'buy',
  strangle: 'buy',
  calendar: 'buy',
  single: 'buy',
};

const DEFAULT_DELTA: Record<StrategyKind, number> = {
  iron_condor: 0.16,
  iron_butterfly: 0.5,
  vertical: 0.5,
  straddle: 0.5,
  strangle: 0.25,
  calendar: 0.5,
  single: 0.5,
};

/** A calendar's far leg is at least this many days after its near one. */
const CALENDAR_GAP_DAYS = 20;

type Pick = { contract: ChainContract; side: 'buy' | 'sell' };

export function buildStrategy(input: BuildInput): BuiltStrategy {
  const { request, contracts, spot, today } = input;
  if (!(request.qty >= 1 && Number.isInteger(request.qty)))
    throw new StrategyBuildError('qty must be a whole number of at least 1');
  if (request.targetDelta !== undefined && !(request.targetDelta > 0 && request.targetDelta < 1))
    throw new StrategyBuildError('target_delta must be between 0 and 1 (e.g. 0.16)');
  if (request.wingWidth !== undefined && !(request.wingWidth > 0))
    throw new StrategyBuildError('wing_width must be a positive number of dollars');
  const expiry = chooseExpiry(contracts, today, request.expiry);
  const delta = request.targetDelta ?? DEFAULT_DELTA[request.strategy];
  const picks = pickLegs(request, contracts, expiry, spot, delta);
  const usual = USUAL_SIDE[request.strategy];
  const wanted = request.side ?? usual;
  const legs = picks.map(({ contract, side }) => leg(contract, wanted === usual ? side : flip(side)));
  if (new Set(legs.map((built) => built.symbol)).size !== legs.length)
    throw new StrategyBuildError(
      `the chain is too narrow for a ${words(request.strategy)} here: two legs landed on the same contract (try a wider wing_width or another expiry)`,
    );
  const netPrice = net(legs);
  return {
    underlying: request.underlying,
    strategy: request.strategy,
    side: wanted,
    qty: request.qty,
    legs,
    netPrice,
    description: describe(request, wanted, expiry, legs, netPrice),
  };
}

function pickLegs(
  request: StrategyRequest,
  contracts: readonly ChainContract[],
  expiry: string,
  spot: number,
  delta: number,
): Pick[] {
  const puts = chainSide(contracts, expiry, 'put');
  const calls = chainSide(contracts, expiry, 'call');
  const width = (candidates: ChainContract[]) =>
    request.wingWidth ?? Math.max(strikeStep(candidates), Math.round(spot * 0.01));
  switch (request.strategy) {
    case 'iron_condor': {
      const shortPut = nearestDelta(
        puts.filter((c) => c.strike < spot),
        delta,
        'out-of-the-money put',
      );
      const shortCall = nearestDelta(
        calls.filter((c) => c.strike > spot),
        delta,
        'out-of-the-money call',
      );
      const longPut = nearestStrike(
        puts.filter((c) => c.strike < shortPut.strike),
        shortPut.strike - width(puts),
        'put below the short put',
      );
      const longCall = nearestStrike(
        calls.filter((c) => c.strike > shortCall.strike),
        shortCall.strike + width(calls),
        'call above the short call',
      );
      return [
        { contract: longPut, side: 'buy' },
        { contract: shortPut, side: 'sell' },
        { contract: shortCall, side: 'sell' },
        { contract: longCall, side: 'buy' },
      ];
    }
    case 'iron_butterfly': {
      const body = nearestStrike(
        calls.filter((c) => puts.some((p) => p.strike === c.strike)),
        spot,
        'strike listed for both calls and puts',
      ).strike;
      const shortPut = nearestStrike(puts, body, 'put');
      const shortCall = nearestStrike(calls, body, 'call');
      const longPut = nearestStrike(
        puts.filter((c) => c.strike < body),
        body - width(puts),
        'put below the body',
      );
      const longCall = nearestStrike(
        calls.filter((c) => c.strike > body),
        body + width(calls),
        'call above the body',
      );
      return [
        { contract: longPut, side: 'buy' },
        { contract: shortPut, side: 'sell' },
        { contract: shortCall, side: 'sell' },
        { contract: longCall, side: 'buy' },
      ];
    }
    case 'vertical': {
      const type = request.type ?? 'call';
      const candidates = type === 'call' ? calls : puts;
      const bought = nearestDelta(candidates, delta, `${type}`);
      const target = type === 'call' ? bought.strike + width(candidates) : bought.strike - width(candidates);
      const sold = nearestStrike(
        candidates.filter((c) => (type === 'call' ? c.strike > bought.strike : c.strike < bought.strike)),
        target,
        `${type} beyond the bought strike`,
      );
      return [
        { contract: bought, side: 'buy' },
        { contract: sold, side: 'sell' },
      ];
    }
    case 'straddle': {
      const strike = nearestStrike(
        calls.filter((c) => puts.some((p) => p.strike === c.strike)),
        spot,
        'strike listed for both calls and puts',
      ).strike;
      return [
        { contract: nearestStrike(puts, strike, 'put'), side: 'buy' },
        { contract: nearestStrike(calls, strike, 'call'), side: 'buy' },
      ];
    }
    case 'strangle':
      return [
        {
          contract: nearestDelta(
            puts.filter((c) => c.strike < spot),
            delta,
            'out-of-the-money put',
          ),
          side: 'buy',
        },
        {
          contract: nearestDelta(
            calls.filter((c) => c.strike > spot),
            delta,
            'out-of-the-money call',
          ),
          side: 'buy',
        },
      ];
    case 'calendar': {
      const type = request.type ?? 'call';
      const near = nearestStrike(type === 'call' ? calls : puts, spot, type);
      const farExpiry = laterExpiry(contracts, expiry, CALENDAR_GAP_DAYS);
      const far = chainSide(contracts, farExpiry, type).find((c) => c.strike === near.strike);
      if (!far) throw new StrategyBuildError(`no ${type} at strike ${near.strike} expiring ${farExpiry}`);
      return [
        { contract: near, side: 'sell' },
        { contract: far, side: 'buy' },
      ];
    }
    case 'single': {
      const type = request.type ?? 'call';
      return [{ contract: nearestDelta(type === 'call' ? calls : puts, delta, type), side: 'buy' }];
    }
  }
}

function leg(contract: ChainContract, side: 'buy' | 'sell'): BuiltLeg {
  return {
    symbol: contract.symbol,
    type: contract.type,
    strike: contract.strike,
    expiry: contract.expiry,
    side,
    ratioQty: 1,
    positionIntent: side === 'buy' ? 'buy_to_open' : 'sell_to_open',
    mid: contract.mid,
    delta: contract.delta,
  };
}

function flip(side: 'buy' | 'sell'): 'buy' | 'sell' {
  return side === 'buy' ? 'sell' : 'buy';
}

function net(legs: readonly BuiltLeg[]): number | null {
  let total = 0;
  for (const built of legs) {
    if (built.mid === null) return null;
    total += (built.side === 'buy' ? 1 : -1) * built.mid * built.ratioQty;
  }
  return round2(total);
}

function words(kind: StrategyKind): string {
  return kind.replace('_', ' ');
}

function describe(
  request: StrategyRequest,
  side: 'buy' | 'sell',
  expiry: string,
  legs: readonly BuiltLeg[],
  netPrice: number | null,
): string {
  const legText = legs
    .map(
      (built) =>
        `${built.side} ${built.type} ${built.strike}${built.expiry === expiry ? '' : ` ${built.expiry}`}`,
    )
    .join(', ');
  const price =
    netPrice === null
      ? 'no price known'
      : netPrice < 0
        ? `≈ ${(-netPrice).toFixed(2)} credit`
        : `≈ ${netPrice.toFixed(2)} debit`;
  return `${side} ${request.qty} ${request.underlying} ${words(request.strategy)} ${expiry}: ${legText} (${price} per unit)`;
}
