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

  it('reads a bracket made on Alpaca’s site: its class, its stop-loss and take-profit legs', () => {
    const leg = (id: string, type: string, fields: Record<string, unknown>) => ({
      ...mlegWire.legs[0],
      id,
      symbol: 'SPY',
      side: 'sell',
      position_intent: null,
      ratio_qty: null,
      order_class: 'bracket',
      type,
      time_in_force: 'gtc',
      status: 'held',
      ...fields,
    });
    const order = toBrokerOrder(
      wireOrder.parse({
        ...mlegWire,
        symbol: 'SPY',
        side: 'buy',
        order_class: 'bracket',
        type: 'limit',
        limit_price: '600',
        time_in_force: 'gtc',
        status: 'new',
        legs: [
          leg('tp', 'limit', { limit_price: '620' }),
          leg('sl', 'stop', { stop_price: '590', limit_price: null }),
        ],
      }),
    );
    expect(order).toMatchObject({
      orderClass: 'bracket',
      type: 'limit',
      timeInForce: 'gtc',
      symbol: 'SPY',
      side: 'buy',
      limitPrice: 600,
      status: 'new',
      legs: [
        { id: 'tp', type: 'limit', limitPrice: 620, status: 'held', ratioQty: 1 },
        { id: 'sl', type: 'stop', stopPrice: 590, status: 'held' },
      ],
    });
    expect(order.legs[1]).not.toHaveProperty('limitPrice');
  });

  it('reads stop, stop-limit and trailing-stop orders with every documented time in force', () => {
    const simple = (fields: Record<string, unknown>) =>
      toBrokerOrder(
        wireOrder.parse({ ...mlegWire, symbol: 'SPY', side: 'sell', order_class: '', legs: null, ...fields }),
      );
    expect(
      simple({ type: 'stop', stop_price: '590', limit_price: null, time_in_force: 'opg' }),
    ).toMatchObject({
      orderClass: 'simple',
      type: 'stop',
      stopPrice: 590,
      limitPrice: null,
      timeInForce: 'opg',
    });
    expect(
      simple({ type: 'stop_limit', stop_price: '590', limit_price: '589.5', time_in_force: 'ioc' }),
    ).toMatchObject({
      type: 'stop_limit',
      stopPrice: 590,
      limitPrice: 589.5,
      timeInForce: 'ioc',
    });
    const trailing = simple({
      type: 'trailing_stop',
      limit_price: null,
      stop_price: '588.2',
      trail_percent: '2',
      trail_price: null,
      time_in_force: 'gtc',
    });
    expect(trailing).toMatchObject({ type: 'trailing_stop', stopPrice: 588.2, trailPercent: 2 });
    expect(trailing).not.toHaveProperty('trailPrice');
    for (const timeInForce of ['day', 'gtc', 'ioc', 'fok', 'opg', 'cls']) {
      expect(simple({ time_in_force: timeInForce }).timeInForce).toBe(timeInForce);
    }
    for (const orderClass of ['oco', 'oto']) {
      expect(simple({ order_class: orderClass }).orderClass).toBe(orderClass);
    }
  });

  it('a market or limit order carries no stop or trail fields: it reads exactly as before they existed', () => {
    const order = toBrokerOrder(wireOrder.parse({ ...mlegWire, stop_price: null, trail_percent: null }));
    expect(order).not.toHaveProperty('stopPrice');
    expect(order).not.toHaveProperty('trailPrice');
    expect(order).not.toHaveProperty('trailPercent');
    expect(order.legs[0]).not.toHaveProperty('type');
  });

  it('a kind Alpaca does not document is kept as sent, not guessed and not a failure', () => {
    const order = toBrokerOrder(
      wireOrder.parse({
        ...mlegWire,
        type: 'pegged_midpoint',
        order_class: 'oto_plus',
        time_in_force: 'gtd',
        status: 'teleported',
      }),
    );
    expect(order).toMatchObject({
      type: 'pegged_midpoint',
      orderClass: 'oto_plus',
      timeInForce: 'gtd',
      status: 'teleported',
    });
    // A pending_* status Alpaca adds is still an open order.
    expect(toBrokerOrder(wireOrder.parse({ ...mlegWire, status: 'pending_review' })).status).toBe(
      'pending_new',
    );
  });

  it('an order the desk cannot read at all is still a mapping error', () => {
    expect(() =>
      toBrokerOrder(wireOrder.parse({ ...mlegWire, order_class: 'simple', symbol: 'SPY', side: 'sideways' })),
    ).toThrow(WireMappingError);
    expect(() =>
      toBrokerOrder(wireOrder.parse({ ...mlegWire, legs: [{ ...mlegWire.legs[0], symbol: '' }] })),
    ).toThrow(WireMappingError);
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
