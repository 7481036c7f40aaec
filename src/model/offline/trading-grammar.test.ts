import { describe, expect, it } from 'vitest';
import { parseAgentCommands } from './agent-grammar.ts';
import { closestHint, helpText } from './hints.ts';
import { parseOrchestratorCommands } from './orchestrator-grammar.ts';

function call(text: string) {
  const intents = parseAgentCommands(text);
  expect(intents, text).toHaveLength(1);
  const [intent] = intents;
  if (intent?.kind !== 'tool') throw new Error(`"${text}" was not understood`);
  return { name: intent.name, input: intent.input };
}

describe('offline trader grammar', () => {
  it('opens option strategies in one call, with the usual phrasings', () => {
    const condor = {
      name: 'place_option_strategy',
      input: { underlying: 'SPY', strategy: 'iron_condor', qty: 1 },
    };
    expect(call('open an iron condor on SPY')).toEqual(condor);
    expect(call('Open an iron condor on SPY.')).toEqual(condor);
    expect(call('iron condor on SPY, 1 contract')).toEqual(condor);
    expect(call('iron condor on spy')).toEqual(condor);
    expect(call('sell 2 QQQ iron condors')).toEqual({
      name: 'place_option_strategy',
      input: { underlying: 'QQQ', strategy: 'iron_condor', side: 'sell', qty: 2 },
    });
    expect(
      call('iron condor on SPY expiring 2027-01-15 delta 0.2 wings 10 limit -1.50, 3 contracts'),
    ).toEqual({
      name: 'place_option_strategy',
      input: {
        underlying: 'SPY',
        strategy: 'iron_condor',
        qty: 3,
        expiry: '2027-01-15',
        target_delta: 0.2,
        wing_width: 10,
        limit_price: -1.5,
      },
    });
    expect(call('buy a SPY straddle')).toEqual({
      name: 'place_option_strategy',
      input: { underlying: 'SPY', strategy: 'straddle', side: 'buy', qty: 1 },
    });
    expect(call('put vertical on QQQ 20 delta')).toEqual({
      name: 'place_option_strategy',
      input: { underlying: 'QQQ', strategy: 'vertical', type: 'put', qty: 1, target_delta: 0.2 },
    });
    expect(call('open an iron butterfly on GLD').input).toMatchObject({
      strategy: 'iron_butterfly',
      underlying: 'GLD',
    });
  });

  it('buys and sells single contracts, option symbols and shares', () => {
    expect(call('buy 1 SPY call')).toEqual({
      name: 'place_option_strategy',
      input: { underlying: 'SPY', strategy: 'single', type: 'call', side: 'buy', qty: 1 },
    });
    expect(call('buy a QQQ put delta 0.3').input).toEqual({
      underlying: 'QQQ',
      strategy: 'single',
      type: 'put',
      side: 'buy',
      qty: 1,
      target_delta: 0.3,
    });
    expect(call('sell 2 SPY261218C00600000 limit 3.5')).toEqual({
      name: 'place_order',
      input: {
        order_class: 'simple',
        symbol: 'SPY261218C00600000',
        side: 'sell',
        qty: 2,
        type: 'limit',
        limit_price: 3.5,
      },
    });
    expect(call('buy 10 shares of SPY')).toEqual({
      name: 'place_order',
      input: { order_class: 'simple', symbol: 'SPY', side: 'buy', qty: 10, type: 'market' },
    });
  });

  it('reads positions, the account, quotes and chains', () => {
    for (const text of [
      'show my positions',
      'positions',
      'what are my positions?',
      'show my open positions',
      'P&L',
    ])
      expect(call(text).name, text).toBe('get_positions');
    for (const text of ["what's my account", 'account', 'show my account balance', 'buying power'])
      expect(call(text).name, text).toBe('get_account');
    expect(call('quote SPY, QQQ')).toEqual({ name: 'get_quotes', input: { symbols: ['SPY', 'QQQ'] } });
    expect(call('SPY option chain')).toEqual({ name: 'get_option_chain', input: { underlying: 'SPY' } });
    expect(call('show the chain for qqq')).toEqual({
      name: 'get_option_chain',
      input: { underlying: 'QQQ' },
    });
  });

  it('closes and cancels', () => {
    expect(call('close the SPY iron condor')).toEqual({
      name: 'close_position',
      input: { underlying: 'SPY', kind: 'iron_condor' },
    });
    expect(call('close my SPY position')).toEqual({ name: 'close_position', input: { underlying: 'SPY' } });
    expect(call('close SPY')).toEqual({ name: 'close_position', input: { underlying: 'SPY' } });
    expect(call('close position pos_0123456789abcdef')).toEqual({
      name: 'close_position',
      input: { strategy_id: 'pos_0123456789abcdef' },
    });
    expect(call('cancel order 61e69015-8549-4bfd')).toEqual({
      name: 'cancel_order',
      input: { order_id: '61e69015-8549-4bfd' },
    });
  });

  it('leaves the file grammar as it was, and says the trading phrasings in help for a trader', () => {
    expect(call('read notes/a.md')).toEqual({ name: 'read_file', input: { path: 'notes/a.md' } });
    expect(call('list files').name).toBe('list_files');
    expect(parseAgentCommands('make it nicer')[0]?.kind).toBe('unknown');
    expect(helpText('agent', ['get_positions', 'place_option_strategy'])).toContain(
      'open an iron condor on SPY',
    );
    expect(helpText('agent', ['read_file'])).not.toContain('iron condor');
  });
});

describe('offline orchestrator: making a trader', () => {
  it('creates one from the trader template in words, and tells it things', () => {
    const calls = (text: string) =>
      parseOrchestratorCommands(text).map((intent) =>
        intent.kind === 'tool' ? [intent.name, intent.input] : ['unknown', intent.clause],
      );
    expect(calls('create a trader')).toEqual([['create_agent', { name: 'trader', template: 'trader' }]]);
    expect(calls('Make a trading agent called desk.')).toEqual([
      ['create_agent', { name: 'desk', template: 'trader' }],
    ]);
    expect(calls('create a trader and tell it to open an iron condor on SPY')).toEqual([
      ['create_agent', { name: 'trader', template: 'trader' }],
      ['command_agent', { agent_name: 'trader', command: 'open an iron condor on SPY' }],
    ]);
    expect(calls('create agent desk as trader')).toEqual([
      ['create_agent', { name: 'desk', template: 'trader' }],
    ]);
    expect(closestHint('open an iron condor on SPY', 'orchestrator')).toContain(
      'create a trader; tell trader to open an iron condor on SPY',
    );
  });
});
