import { describe, expect, it } from 'vitest';
import { createAutocomplete, type FeedbackBody } from './autocomplete-controller.ts';
import {
  applyCompletion,
  type Completion,
  chipAction,
  DEBOUNCE_MS,
  worthCompleting,
} from './autocomplete-model.ts';

const THREE: Completion[] = [
  { completion: ' agent builder', reasoning: 'a template' },
  { completion: ' agents a and b', reasoning: 'two' },
  { completion: ' an agent called x', reasoning: 'named' },
];

const key = (key: string, mods: Partial<KeyboardEvent> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  isComposing: false,
  ...mods,
});

describe('the autocomplete model', () => {
  it('inserts at the caret, dropping a leading space after whitespace', () => {
    expect(applyCompletion('create', 6, ' agent builder')).toEqual({
      value: 'create agent builder',
      caret: 20,
    });
    expect(applyCompletion('create ', 7, ' agent x')).toEqual({ value: 'create agent x', caret: 14 });
    expect(applyCompletion('create ag; list', 9, 'ent x')).toEqual({
      value: 'create agent x; list',
      caret: 14,
    });
  });

  it('maps Tab, Ctrl/Cmd+1-3 and Escape to chip actions only while chips show', () => {
    expect(chipAction(key('Tab'), 3)).toEqual({ kind: 'accept', index: 0 });
    expect(chipAction(key('2', { ctrlKey: true }), 3)).toEqual({ kind: 'accept', index: 1 });
    expect(chipAction(key('3', { metaKey: true }), 3)).toEqual({ kind: 'accept', index: 2 });
    expect(chipAction(key('3', { ctrlKey: true }), 2)).toBeNull();
    expect(chipAction(key('Escape'), 3)).toEqual({ kind: 'dismiss' });
    expect(chipAction(key('Tab', { shiftKey: true }), 3)).toBeNull();
    expect(chipAction(key('Tab'), 0)).toBeNull();
    expect(chipAction(key('Tab', { isComposing: true }), 3)).toBeNull();
    expect(chipAction(key('a'), 3)).toBeNull();
  });

  it('asks only for typed text with the caret at a word end', () => {
    expect(worthCompleting('create', 6)).toBe(true);
    expect(worthCompleting('create agent', 3)).toBe(false);
    expect(worthCompleting('create agent', 6)).toBe(true);
    expect(worthCompleting('   ', 3)).toBe(false);
  });
});

/** A controller with manual timers and requests the test answers. */
function harness() {
  const timers: Array<{ callback: () => void; cleared: boolean }> = [];
  const requests: Array<{
    text: string;
    cursor: number;
    signal: AbortSignal;
    answer: (c: Completion[]) => void;
  }> = [];
  const feedback: FeedbackBody[] = [];
  const shown: Completion[][] = [];
  const autocomplete = createAutocomplete({
    request: (text, cursor, signal) =>
      new Promise((resolve) => {
        requests.push({ text, cursor, signal, answer: (completions) => resolve({ completions }) });
      }),
    feedback: async (body) => {
      feedback.push(body);
    },
    setTimer: (callback, ms) => {
      expect(ms).toBe(DEBOUNCE_MS);
      const timer = { callback, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => {
      (handle as { cleared: boolean }).cleared = true;
    },
    onChange: (state) => shown.push(state.completions),
  });
  const fire = () => {
    for (const timer of timers.splice(0)) if (!timer.cleared) timer.callback();
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { autocomplete, timers, requests, feedback, shown, fire, settle };
}

describe('the autocomplete controller', () => {
  it('asks once typing pauses, not per keystroke', () => {
    const h = harness();
    h.autocomplete.changed('c', 1);
    h.autocomplete.changed('cr', 2);
    h.autocomplete.changed('cre', 3);
    h.fire();
    expect(h.requests.map((r) => r.text)).toEqual(['cre']);
  });

  it('cancels the request in flight when typing resumes, and never shows its late answer', async () => {
    const h = harness();
    h.autocomplete.changed('create', 6);
    h.fire();
    const first = h.requests[0];
    h.autocomplete.changed('create a', 8);
    expect(first?.signal.aborted).toBe(true);
    first?.answer(THREE);
    await h.settle();
    expect(h.autocomplete.state.completions).toEqual([]);
  });

  it('accepting inserts the completion and records it as accepted', async () => {
    const h = harness();
    h.autocomplete.changed('create', 6);
    h.fire();
    h.requests[0]?.answer(THREE);
    await h.settle();
    expect(h.autocomplete.state.completions).toEqual(THREE);
    expect(h.autocomplete.accept(1)).toEqual({ value: 'create agents a and b', caret: 21 });
    expect(h.feedback).toEqual([
      { outcome: 'accepted', input_before: 'create', completion: ' agents a and b', reasoning: 'two' },
    ]);
    expect(h.autocomplete.state.completions).toEqual([]);
    // Sending after accepting is not "ignored".
    h.autocomplete.sent('create agents a and b');
    expect(h.feedback).toHaveLength(1);
  });

  it('dismissing records each shown completion as rejected', async () => {
    const h = harness();
    h.autocomplete.changed('create', 6);
    h.fire();
    h.requests[0]?.answer(THREE);
    await h.settle();
    h.autocomplete.dismiss();
    expect(h.feedback.map((f) => [f.outcome, f.completion])).toEqual(
      THREE.map((c) => ['rejected', c.completion]),
    );
  });

  it('sending without accepting records ignored with the message sent', async () => {
    const h = harness();
    h.autocomplete.changed('create', 6);
    h.fire();
    h.requests[0]?.answer(THREE);
    await h.settle();
    h.autocomplete.changed('create agent scout', 18);
    expect(h.autocomplete.state.completions).toEqual([]);
    h.autocomplete.sent('create agent scout');
    expect(h.feedback).toEqual([
      {
        outcome: 'ignored',
        input_before: 'create',
        completion: ' agent builder',
        reasoning: 'a template',
        input_sent: 'create agent scout',
      },
    ]);
  });

  it('reads the caret when the pause ends, and asks nothing with the caret inside a word', () => {
    const h = harness();
    let caret = 3;
    h.autocomplete.changed('create agent', () => caret);
    caret = 12;
    h.fire();
    expect(h.requests.map((r) => r.cursor)).toEqual([12]);
    h.autocomplete.changed('create agents', () => 3);
    h.fire();
    expect(h.requests).toHaveLength(1);
  });

  it('does not ask when disabled, and sends no feedback when nothing was shown', () => {
    const h = harness();
    h.autocomplete.changed('create', 6, false);
    h.fire();
    h.autocomplete.sent('create');
    expect(h.requests).toEqual([]);
    expect(h.feedback).toEqual([]);
  });
});
