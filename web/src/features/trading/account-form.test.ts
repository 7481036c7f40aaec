import { describe, expect, it } from 'vitest';
import {
  afterSubmit,
  createRequest,
  draftProblems,
  emptyDraft,
  kindNote,
  needsKeys,
  parseMoney,
  withAddedAccount,
} from './account-form.ts';
import type { Account } from './trading-types.ts';

const draft = (changes: Partial<ReturnType<typeof emptyDraft>>) => ({ ...emptyDraft(), ...changes });

function account(id: string): Account {
  return {
    id,
    name: id,
    broker: 'offline',
    mode: 'paper',
    key_id_hint: null,
    trading_enabled: true,
    max_order_notional: null,
    max_daily_loss: null,
    is_default: false,
    created_at: '2026-12-01T00:00:00Z',
  };
}

describe('the add-account form', () => {
  it('starts as an offline paper account that needs only a name', () => {
    expect(emptyDraft().kind).toBe('offline');
    expect(needsKeys('offline')).toBe(false);
    expect(draftProblems(emptyDraft())).toEqual({ name: 'Give the account a name.' });
    expect(draftProblems(draft({ name: '  Desk  ' }))).toEqual({});
    expect(createRequest(draft({ name: '  Desk  ' }))).toEqual({ name: 'Desk', broker: 'offline' });
  });

  it('sends a typed starting cash as dollars and refuses what is not an amount', () => {
    expect(parseMoney('25,000')).toBe(25_000);
    expect(parseMoney('$2500.50')).toBe(2500.5);
    expect(parseMoney('1e5')).toBeNaN();
    expect(parseMoney('-5')).toBeNaN();
    expect(createRequest(draft({ name: 'P', startingCash: '25,000' }))).toEqual({
      name: 'P',
      broker: 'offline',
      starting_cash: 25_000,
    });
    for (const bad of ['0', 'lots', '2000000000'])
      expect(draftProblems(draft({ name: 'P', startingCash: bad })).startingCash).toBeTruthy();
  });

  it('asks Alpaca kinds for both keys and sends the mode; never starting cash', () => {
    const live = draft({ name: 'Real', kind: 'alpaca-live', startingCash: '5', keyId: ' PKLIVE ' });
    expect(needsKeys('alpaca-live')).toBe(true);
    expect(Object.keys(draftProblems(live))).toEqual(['secretKey']);
    const ready = { ...live, secretKey: 'a-long-secret' };
    expect(draftProblems(ready)).toEqual({});
    expect(createRequest(ready)).toEqual({
      name: 'Real',
      broker: 'alpaca',
      mode: 'live',
      key_id: 'PKLIVE',
      secret_key: 'a-long-secret',
    });
    expect(createRequest({ ...ready, kind: 'alpaca-paper' })).toMatchObject({ mode: 'paper' });
  });

  it('says a live account starts with trading disabled and needs limits', () => {
    const note = kindNote('alpaca-live') ?? '';
    expect(note).toContain('trading disabled');
    expect(note).toContain('maximum daily loss');
    expect(kindNote('offline')).not.toContain('real money');
  });

  it('drops the secret after a submit and keeps the rest for a correction', () => {
    const sent = draft({ name: 'A', kind: 'alpaca-paper', keyId: 'PKABCD', secretKey: 'secret-123' });
    expect(afterSubmit(sent)).toEqual({ ...sent, secretKey: '' });
  });

  it('lists an added account once, at the end', () => {
    const list = [account('default'), account('a')];
    expect(withAddedAccount(list, account('b')).map((a) => a.id)).toEqual(['default', 'a', 'b']);
    expect(withAddedAccount([...list, account('b')], account('b')).map((a) => a.id)).toEqual([
      'default',
      'a',
      'b',
    ]);
  });
});
