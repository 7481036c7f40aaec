/**
 * The completions of one text input as Vue state: watch the text, show the chips, act on the keys
 * (autocomplete-model.ts `chipAction`). The host passes its text, how to read the caret, how to set
 * the text after an acceptance, and whether it may ask at all (not while read-only).
 */
import { onScopeDispose, type Ref, ref, watch } from 'vue';
import { requestCompletions, sendFeedback } from './autocomplete-api.ts';
import { createAutocomplete } from './autocomplete-controller.ts';
import { type Completion, chipAction } from './autocomplete-model.ts';

export interface AutocompleteHost {
  orchestratorId: Ref<string>;
  text: Ref<string>;
  caret: () => number;
  apply: (next: { value: string; caret: number }) => void;
  enabled: () => boolean;
}

export function useAutocomplete(host: AutocompleteHost) {
  const completions = ref<Completion[]>([]);
  const loading = ref(false);
  const controller = createAutocomplete({
    request: (text, cursor, signal) => requestCompletions(host.orchestratorId.value, text, cursor, signal),
    feedback: (body) => sendFeedback(host.orchestratorId.value, body),
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    onChange: (state) => {
      completions.value = state.completions;
      loading.value = state.loading;
    },
  });

  watch(host.text, (text) => controller.changed(text, host.caret, host.enabled()));
  onScopeDispose(() => controller.dispose());

  function accept(index: number): void {
    const next = controller.accept(index);
    if (next) host.apply(next);
  }

  /** Handles a key meant for the chips (true: the caller must not act on it too). */
  function onKeydown(event: KeyboardEvent): boolean {
    const action = chipAction(event, completions.value.length);
    if (!action) return false;
    event.preventDefault();
    event.stopPropagation();
    if (action.kind === 'accept') accept(action.index);
    else controller.dismiss();
    return true;
  }

  return {
    completions,
    loading,
    accept,
    onKeydown,
    dismiss: () => controller.dismiss(),
    /** Call with the message once it is sent. */
    sent: (message: string) => controller.sent(message),
  };
}
