/**
 * The trading account of the open orchestrator, shared by the switcher and every trading panel:
 * the accounts list, the orchestrator's selection (its own, else the default paper account) and
 * that account's summary. Switching saves the selection on the server first, then reloads; an
 * added account is listed and switched to at once.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { describeError } from '../../api/client.ts';
import { withAddedAccount } from './account-form.ts';
import { pickAccount } from './account-model.ts';
import {
  accountSummary,
  createAccount,
  listAccounts,
  orchestratorAccount,
  selectAccount,
} from './trading-api.ts';
import type { Account, AccountSummary, CreateAccountRequest } from './trading-types.ts';

export const useTradingAccount = defineStore('trading-account', () => {
  const orchestratorId = ref('');
  const accounts = ref<Account[]>([]);
  const selectedId = ref<string | null>(null);
  const summary = ref<AccountSummary | null>(null);
  const loading = ref(false);
  const error = ref<unknown>(null);
  const summaryError = ref<unknown>(null);
  const switching = ref(false);
  const account = computed(() => pickAccount(accounts.value, selectedId.value));
  let generation = 0;

  async function load(id: string): Promise<void> {
    const mine = ++generation;
    orchestratorId.value = id;
    loading.value = true;
    error.value = null;
    try {
      const [list, selected] = await Promise.all([listAccounts(), orchestratorAccount(id)]);
      if (mine !== generation) return;
      accounts.value = list.accounts;
      // Another orchestrator's account: its balances must not show under this one's name meanwhile.
      if (summary.value?.account.id !== selected.id) {
        summary.value = null;
        summaryError.value = null;
      }
      selectedId.value = selected.id;
      // A selection the list does not show (archived since, or out of this token's scope) still shows.
      if (!list.accounts.some((item) => item.id === selected.id))
        accounts.value = [selected, ...list.accounts];
    } catch (caught) {
      if (mine === generation) error.value = caught;
    } finally {
      if (mine === generation) loading.value = false;
    }
    if (mine === generation && !error.value) await refreshSummary();
  }

  /** Re-reads the selected account's summary; false when the read failed (pollers back off). */
  async function refreshSummary(): Promise<boolean> {
    const id = account.value?.id;
    if (!id) return true;
    try {
      const fresh = await accountSummary(id);
      if (account.value?.id !== id) return true;
      summary.value = fresh;
      summaryError.value = null;
      return true;
    } catch (caught) {
      if (account.value?.id === id) summaryError.value = caught;
      return false;
    }
  }

  async function select(accountId: string): Promise<void> {
    if (accountId === selectedId.value) return;
    switching.value = true;
    error.value = null;
    try {
      const chosen = await selectAccount(orchestratorId.value, accountId);
      selectedId.value = chosen.id;
      summary.value = null;
      summaryError.value = null;
      await refreshSummary();
    } catch (caught) {
      error.value = caught;
    } finally {
      switching.value = false;
    }
  }

  /**
   * Adds an account and makes it this orchestrator's. A refused creation throws (the form shows
   * the server's message); a creation whose selection fails keeps the account listed, and the
   * selection's error shows under the switcher as any refused switch does.
   */
  async function add(request: CreateAccountRequest): Promise<Account> {
    const created = await createAccount(request);
    accounts.value = withAddedAccount(accounts.value, created);
    await select(created.id);
    return created;
  }

  return {
    orchestratorId,
    accounts,
    selectedId,
    account,
    summary,
    loading,
    error,
    summaryError,
    switching,
    load,
    refreshSummary,
    select,
    add,
    describe: describeError,
  };
});
