/**
 * The completions of one input over time, without Vue: ask once typing pauses (DEBOUNCE_MS), cancel
 * the request in flight as soon as typing resumes, show the answer only while the text is still the
 * one it completes, and report what the person did with it (accepted, rejected, or ignored when the
 * message is sent without one), which is what the server learns from. Timers and I/O are injected.
 */
import { applyCompletion, type Completion, DEBOUNCE_MS, worthCompleting } from './autocomplete-model.ts';

export type Outcome = 'accepted' | 'rejected' | 'ignored';

export interface FeedbackBody {
  outcome: Outcome;
  input_before: string;
  completion?: string;
  reasoning?: string;
  input_sent?: string;
}

export interface AutocompleteDeps {
  request(text: string, cursor: number, signal: AbortSignal): Promise<{ completions: Completion[] }>;
  feedback(body: FeedbackBody): Promise<void>;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Called whenever the chips or the loading state change. */
  onChange(state: AutocompleteState): void;
}

export interface AutocompleteState {
  completions: Completion[];
  loading: boolean;
}

interface Offer {
  text: string;
  cursor: number;
  completions: Completion[];
}

export function createAutocomplete(deps: AutocompleteDeps) {
  let state: AutocompleteState = { completions: [], loading: false };
  let timer: unknown;
  let inFlight: AbortController | undefined;
  /** What was last shown and not yet accepted or dismissed: sending now ignores it. */
  let offer: Offer | undefined;

  const update = (next: Partial<AutocompleteState>) => {
    state = { ...state, ...next };
    deps.onChange(state);
  };
  const report = (body: FeedbackBody) => {
    // Learning is best-effort: a lost row only means a slightly less informed next prompt.
    deps.feedback(body).catch(() => undefined);
  };
  const cancel = () => {
    if (timer !== undefined) deps.clearTimer(timer);
    timer = undefined;
    inFlight?.abort();
    inFlight = undefined;
  };

  async function ask(text: string, cursor: number): Promise<void> {
    const controller = new AbortController();
    inFlight = controller;
    update({ loading: true });
    try {
      const { completions } = await deps.request(text, cursor, controller.signal);
      if (controller.signal.aborted) return;
      if (completions.length > 0) offer = { text, cursor, completions };
      update({ completions, loading: false });
    } catch {
      // Aborted (typing resumed) or failed: either way there is nothing to show.
      if (!controller.signal.aborted) update({ loading: false });
    } finally {
      if (inFlight === controller) inFlight = undefined;
    }
  }

  return {
    get state(): AutocompleteState {
      return state;
    },

    /**
     * The input changed: drop stale chips, ask again after a pause. The caret may be a function, read
     * when the pause ends: right after a change the element may not show the new text yet.
     */
    changed(text: string, caret: number | (() => number), enabled = true): void {
      cancel();
      if (state.completions.length > 0 || state.loading) {
        const stillValid = offer?.text === text && state.completions.length > 0;
        if (!stillValid) update({ completions: [], loading: false });
        else return;
      }
      if (!enabled || text.trim() === '') return;
      timer = deps.setTimer(() => {
        timer = undefined;
        const at = typeof caret === 'function' ? caret() : caret;
        if (worthCompleting(text, at)) void ask(text, at);
      }, DEBOUNCE_MS);
    },

    /** Takes a chip: the new text and caret, or null when there is no such chip. */
    accept(index: number): { value: string; caret: number } | null {
      const chosen = state.completions[index];
      if (!offer || !chosen) return null;
      report({
        outcome: 'accepted',
        input_before: offer.text.slice(0, offer.cursor),
        completion: chosen.completion,
        reasoning: chosen.reasoning,
      });
      const next = applyCompletion(offer.text, offer.cursor, chosen.completion);
      offer = undefined;
      update({ completions: [] });
      return next;
    },

    /** Escape: none of these, each recorded as rejected. */
    dismiss(): void {
      cancel();
      if (offer) {
        const inputBefore = offer.text.slice(0, offer.cursor);
        for (const item of state.completions) {
          report({
            outcome: 'rejected',
            input_before: inputBefore,
            completion: item.completion,
            reasoning: item.reasoning,
          });
        }
      }
      offer = undefined;
      update({ completions: [], loading: false });
    },

    /** The message went out: completions shown for this draft and not taken were ignored. */
    sent(message: string): void {
      cancel();
      if (offer) {
        const first = offer.completions[0];
        report({
          outcome: 'ignored',
          input_before: offer.text.slice(0, offer.cursor),
          ...(first ? { completion: first.completion, reasoning: first.reasoning } : {}),
          input_sent: message,
        });
      }
      offer = undefined;
      update({ completions: [], loading: false });
    },

    dispose(): void {
      cancel();
    },
  };
}

export type Autocomplete = ReturnType<typeof createAutocomplete>;
