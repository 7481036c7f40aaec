/**
 * The open orchestrator's pending approvals: one list for the inbox and the navigation's badge,
 * loaded when the console opens and again whenever an `approval_requested` or `approval_decided`
 * event arrives (any tab), so a waiting order is noticed wherever the reader is.
 */
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { useEventSignal } from '../files/event-signal.ts';
import { APPROVAL_EVENTS, sortPending } from './approvals-model.ts';
import { approve, listApprovals, reject } from './trading-api.ts';
import type { Approval } from './trading-types.ts';

export const useApprovalInbox = defineStore('approval-inbox', () => {
  const orchestratorId = ref('');
  const approvals = ref<Approval[]>([]);
  const error = ref<unknown>(null);
  const loaded = ref(false);
  /** Approval id → the error of its last decision attempt. */
  const decisionErrors = ref<Record<string, unknown>>({});
  const deciding = ref<Record<string, boolean>>({});
  /** What this console's decisions came to (newest first): submitted, failed at the broker, rejected. */
  const outcomes = ref<Approval[]>([]);
  const count = computed(() => approvals.value.length);
  let generation = 0;

  async function load(id: string): Promise<void> {
    const mine = ++generation;
    if (id !== orchestratorId.value) {
      approvals.value = [];
      outcomes.value = [];
      loaded.value = false;
    }
    orchestratorId.value = id;
    try {
      const page = await listApprovals(id);
      if (mine !== generation) return;
      approvals.value = sortPending(page.approvals);
      error.value = null;
    } catch (caught) {
      if (mine === generation) error.value = caught;
    } finally {
      if (mine === generation) loaded.value = true;
    }
  }

  async function decide(
    approval: Approval,
    decision: 'approve' | 'reject',
    reason?: string,
  ): Promise<boolean> {
    deciding.value = { ...deciding.value, [approval.id]: true };
    try {
      const decided = await (decision === 'approve' ? approve(approval.id) : reject(approval.id, reason));
      outcomes.value = [decided, ...outcomes.value.filter((item) => item.id !== decided.id)].slice(0, 5);
      const { [approval.id]: _, ...rest } = decisionErrors.value;
      decisionErrors.value = rest;
      approvals.value = approvals.value.filter((item) => item.id !== approval.id);
      return true;
    } catch (caught) {
      decisionErrors.value = { ...decisionErrors.value, [approval.id]: caught };
      // Decided elsewhere, expired, or failed at the broker: the list says what is still pending.
      await load(orchestratorId.value);
      return false;
    } finally {
      const { [approval.id]: _, ...rest } = deciding.value;
      deciding.value = rest;
    }
  }

  return {
    orchestratorId,
    approvals,
    error,
    loaded,
    count,
    decisionErrors,
    deciding,
    outcomes,
    load,
    decide,
  };
});

/**
 * Keeps the inbox current from the console's event stream. `id()` is the orchestrator once the
 * console has loaded it, null before and for an unknown id (nothing is asked about those).
 */
export function useApprovalBadge(id: () => string | null) {
  const inbox = useApprovalInbox();
  const signal = useEventSignal(APPROVAL_EVENTS);
  watch(
    id,
    (value) => {
      if (value) void inbox.load(value);
    },
    { immediate: true },
  );
  watch(signal, () => {
    const value = id();
    if (value) void inbox.load(value);
  });
  return inbox;
}
