/**
 * The "Add account" form's logic, kept out of the component: the three kinds of account a person can
 * add, what each needs, the checks made before anything is sent (the server checks again), and the
 * request body. Keys are only ever part of an Alpaca request; the secret is dropped after a submit.
 */
import type { Account, CreateAccountRequest } from './trading-types.ts';

export type AccountKind = 'offline' | 'alpaca-paper' | 'alpaca-live';

export const ACCOUNT_KINDS: ReadonlyArray<{ kind: AccountKind; label: string }> = [
  { kind: 'offline', label: 'Offline paper' },
  { kind: 'alpaca-paper', label: 'Alpaca paper' },
  { kind: 'alpaca-live', label: 'Alpaca live' },
];

export interface AccountDraft {
  name: string;
  kind: AccountKind;
  /** As typed: empty means the offline broker's default. */
  startingCash: string;
  keyId: string;
  secretKey: string;
}

export type DraftField = 'name' | 'startingCash' | 'keyId' | 'secretKey';

/** The server's bounds (src/routes/accounts-schemas.ts), so most mistakes show before a request. */
const NAME_MAX = 100;
const KEY_ID_MIN = 4;
const SECRET_MIN = 8;
const MONEY_MAX = 1_000_000_000;

export function emptyDraft(): AccountDraft {
  return { name: '', kind: 'offline', startingCash: '', keyId: '', secretKey: '' };
}

export function needsKeys(kind: AccountKind): boolean {
  return kind !== 'offline';
}

/** What the person should know about the kind before adding it; null when nothing needs saying. */
export function kindNote(kind: AccountKind): string | null {
  if (kind === 'alpaca-live') {
    return (
      'A live account trades real money. It starts with trading disabled: trading is enabled only ' +
      'once a maximum order value and a maximum daily loss are set on it.'
    );
  }
  if (kind === 'alpaca-paper') return 'The keys are checked with Alpaca before the account is added.';
  return 'Simulated fills at the offline market’s prices; no keys needed.';
}

/** A typed amount as a number of dollars ("25,000" and "$25000.50" too); NaN when it is not one. */
export function parseMoney(text: string): number {
  const cleaned = text.replace(/[$,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

/** Problems per field; an empty object when the draft can be sent. */
export function draftProblems(draft: AccountDraft): Partial<Record<DraftField, string>> {
  const problems: Partial<Record<DraftField, string>> = {};
  const name = draft.name.trim();
  if (name.length === 0) problems.name = 'Give the account a name.';
  else if (name.length > NAME_MAX) problems.name = `At most ${NAME_MAX} characters.`;
  if (draft.kind === 'offline') {
    if (draft.startingCash.trim() !== '') {
      const cash = parseMoney(draft.startingCash);
      if (!(cash > 0 && cash <= MONEY_MAX))
        problems.startingCash = 'A dollar amount above zero (up to 1,000,000,000).';
    }
    return problems;
  }
  if (draft.keyId.trim().length < KEY_ID_MIN) problems.keyId = 'Paste the API key id.';
  if (draft.secretKey.trim().length < SECRET_MIN) problems.secretKey = 'Paste the secret key.';
  return problems;
}

/** The POST /api/accounts body for a draft without problems. */
export function createRequest(draft: AccountDraft): CreateAccountRequest {
  const name = draft.name.trim();
  if (draft.kind === 'offline') {
    const cash = draft.startingCash.trim() === '' ? undefined : parseMoney(draft.startingCash);
    return { name, broker: 'offline', ...(cash === undefined ? {} : { starting_cash: cash }) };
  }
  return {
    name,
    broker: 'alpaca',
    mode: draft.kind === 'alpaca-live' ? 'live' : 'paper',
    key_id: draft.keyId.trim(),
    secret_key: draft.secretKey.trim(),
  };
}

/**
 * The draft after a submit, whatever its outcome: the secret is never kept in the page longer than
 * the request (a retry means pasting it again), the rest stays so a refused request can be fixed.
 */
export function afterSubmit(draft: AccountDraft): AccountDraft {
  return { ...draft, secretKey: '' };
}

/** The switcher's list with a newly added account at its end (once, even if the list was re-read). */
export function withAddedAccount(accounts: readonly Account[], added: Account): Account[] {
  return [...accounts.filter((account) => account.id !== added.id), added];
}
