import { describe, expect, it } from 'vitest';
import {
  toAccountSummary,
  toBrokerFill,
  toBrokerOrder,
  toContractInfo,
  toOptionEvent,
  toOrderBody,
  WireMappingError,
} from './mapping.ts';
import { wireAccount, wireFillActivity, wireOptionContract, wireOrder } from './wire-schemas.ts';

const mlegWire = {
  id: 'o-1',
  client_order_id: 'c-1',
  created_at: '2026-12-04T15:00:00.123456Z',
  updated_at: '2026-12-04T15:00:01Z',
  submitted_at: '2026-12-04T15:00:00.2Z',
  filled_at: null,
  canceled_at: null,
  // Alpaca leaves these empty on an mleg order rather than omitting them.
  symbol: '',
  side: '',
  asset_class: '',
  qty: '2',
  filled_qty: '0',
  filled_avg_price: null,
  limit_price: '-1.25',
  order_class: 'mleg',
  type: 'limit',
  time_in_force: 'day',
  status: 'pending_replace',
  legs: [
    {
      id: 'l-1',
      client_order_id: 'x',
      created_at: '2026-12-04T15:00:00Z',
      updated_at: '2026-12-04T15:00:00Z',
      submitted_at: '2026-12-04T15:00:00Z',
      symbol: 'SPY261218P00570000',
      side: 'sell',
      position_intent: 'sell_to_open',
      ratio_qty: '1',
      qty: '2',
      filled_qty: '0',
      order_class: 'mleg',
      time_in_force: 'day',
      status: 'new',
    },
  ],
};

describe('Alpaca wire mapping', () => {
  it('reads an account with decimal strings as numbers', () => {
    const summary = toAccountSummary(
      wireAccount.parse({
        account_number: 'PA1',
        status: 'ACTIVE',
        currency: 'USD',
        equity: '100250.5',
        last_equity: '100000',
        cash: '50000',
        buying_power: '200501',
        options_buying_power: '50000',
        options_trading_level: 3,
        extra_field_alpaca_added: true,
      }),
    );
    expect(summary).toEqual({
      accountNumber: 'PA1',
      status: 'ACTIVE',
      currency: 'USD',
      equity: 100250.5,
      lastEquity: 100000,
      cash: 50000,
      buyingPower: 200501,
      optionsBuyingPower: 50000,
      optionsTradingLevel: 3,
    });
  });

  it('refuses a figure that is not a number', () => {
    const parsed = wireAccount.safeParse({
      account_number: 'PA1',
      status: 'ACTIVE',
      equity: 'lots',
      last_equity: '0',
      cash: '0',
      buying_power: '0',
    });
    expect(parsed.success).toBe(false);
  });

  it('reads an mleg order: no top-level symbol or side, legs with ratio and intent', () => {
    const order = toBrokerOrder(wireOrder.parse(mlegWire));
    expect(order).toMatchObject({
      orderClass: 'mleg',
      symbol: null,
      side: null,
      qty: 2,
      limitPrice: -1.25,
      // A pending replace is still an open order.
      status: 'pending_new',
      legs: [
        {
          id: 'l-1',
          symbol: 'SPY261218P00570000',
          side: 'sell',
          ratioQty: 1,
          positionIntent: 'sell_to_open',
          status: 'new',
          filledQty: 0,
          filledAvgPrice: null,
        },
      ],
    });
  });

  it('an order type the desk does not model is a mapping error, not a guess', () => {
    expect(() => toBrokerOrder(wireOrder.parse({ ...mlegWire, type: 'trailing_stop' }))).toThrow(
      WireMappingError,
    );
    expect(() => toBrokerOrder(wireOrder.parse({ ...mlegWire, order_class: 'bracket' }))).toThrow(
      WireMappingError,
    );
    expect(() => toBrokerOrder(wireOrder.parse({ ...mlegWire, status: 'teleported' }))).toThrow(
      WireMappingError,
    );
  });

  it('writes simple and mleg order bodies as Alpaca expects', () => {
    expect(
      toOrderBody({
        clientOrderId: 'c-2',
        orderClass: 'simple',
        symbol: 'SPY261218C00600000',
        side: 'sell',
        positionIntent: 'sell_to_close',
        qty: 3,
        type: 'limit',
        limitPrice: 4.1,
        timeInForce: 'gtc',
      }),
    ).toEqual({
      client_order_id: 'c-2',
      symbol: 'SPY261218C00600000',
      side: 'sell',
      position_intent: 'sell_to_close',
      qty: '3',
      type: 'limit',
      limit_price: '4.1',
      time_in_force: 'gtc',
    });
    expect(
      toOrderBody({
        clientOrderId: 'c-3',
        orderClass: 'mleg',
        qty: 1,
        type: 'market',
        timeInForce: 'day',
        legs: [
          { symbol: 'SPY261218C00600000', side: 'buy', ratioQty: 1, positionIntent: 'buy_to_open' },
          { symbol: 'SPY261218C00610000', side: 'sell', ratioQty: 2 },
        ],
      }),
    ).toEqual({
      client_order_id: 'c-3',
      order_class: 'mleg',
      qty: '1',
      type: 'market',
      time_in_force: 'day',
      legs: [
        { symbol: 'SPY261218C00600000', side: 'buy', ratio_qty: '1', position_intent: 'buy_to_open' },
        { symbol: 'SPY261218C00610000', side: 'sell', ratio_qty: '2' },
      ],
    });
  });

  it('reads a short sale’s fill (side sell_short) as a sell, and refuses a side it cannot place', () => {
    const fill = (side: string) => ({
      id: '20261204150000000::a1',
      activity_type: 'FILL',
      transaction_time: '2026-12-04T15:00:00.5Z',
      symbol: 'SPY',
      side,
      qty: '10',
      price: '600.01',
      order_id: 'o-9',
    });
    expect(toBrokerFill(wireFillActivity.parse(fill('sell_short')))).toMatchObject({
      side: 'sell',
      qty: 10,
      price: 600.01,
    });
    expect(wireFillActivity.parse(fill('buy')).side).toBe('buy');
    expect(wireFillActivity.safeParse(fill('cross')).success).toBe(false);
  });

  it('places an option event after the close of its day and keeps its signed qty', () => {
    expect(
      toOptionEvent(
        { id: 'e', activity_type: 'OPEXC', date: '2026-07-17', symbol: 'SPY260717C00500000', qty: -2 },
        612.5,
      ),
    ).toEqual({
      id: 'e',
      type: 'exercise',
      transaction_time: '2026-07-17T21:00:00Z',
      symbol: 'SPY260717C00500000',
      qty: -2,
      underlying_price: 612.5,
    });
  });

  it('reads an option contract whose strike arrives as a string', () => {
    const contract = toContractInfo(
      wireOptionContract.parse({
        symbol: 'GLD261218C00250000',
        underlying_symbol: 'GLD',
        expiration_date: '2026-12-18',
        type: 'call',
        strike_price: '250',
        multiplier: '100',
        size: '100',
        tradable: true,
        open_interest: null,
      }),
    );
    expect(contract).toEqual({
      symbol: 'GLD261218C00250000',
      underlying: 'GLD',
      expiry: '2026-12-18',
      type: 'call',
      strike: 250,
      multiplier: 100,
      tradable: true,
      openInterest: null,
    });
  });
});
