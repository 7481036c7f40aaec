/**
 * The palette's prompt: its text and caret, the suggestions for the token at the caret (↑/↓ move,
 * Enter or Tab accept), chips inserted at the caret, and sending (the length limit checked first).
 */
import { computed, nextTick, type Ref, ref, watch } from 'vue';
import { describeError } from '../../api/client.ts';
import { messageTooLong } from '../../lib/message-limit.ts';
import { applySuggestion, insertText, type PaletteCatalog, type Suggestion, suggest } from './suggest.ts';

export function usePalettePrompt(options: {
  catalog: Ref<PaletteCatalog>;
  textarea: Ref<HTMLTextAreaElement | null>;
  /** Why nothing can be sent, or ''. */
  readOnly: () => string;
  deliver: (message: string) => Promise<void>;
  sent: () => void;
}) {
  const { catalog, textarea } = options;
  const prompt = ref('');
  const caret = ref(0);
  const active = ref(-1);
  const sending = ref(false);
  const sendError = ref('');
  const suggestions = computed<Suggestion[]>(() => suggest(catalog.value, prompt.value, caret.value));

  watch(suggestions, () => {
    active.value = -1;
  });
  watch(prompt, (text) => {
    // An over-long prompt's error clears as soon as it fits.
    if (sendError.value && !messageTooLong(text)) sendError.value = '';
  });

  function syncCaret(): void {
    caret.value = textarea.value?.selectionStart ?? prompt.value.length;
  }

  async function setPrompt(next: { value: string; caret: number }): Promise<void> {
    prompt.value = next.value;
    caret.value = next.caret;
    await nextTick();
    textarea.value?.focus();
    textarea.value?.setSelectionRange(next.caret, next.caret);
  }

  function accept(index: number): void {
    const chosen = suggestions.value[index];
    if (chosen) void setPrompt(applySuggestion(prompt.value, caret.value, chosen));
  }

  function insertChip(text: string): void {
    void setPrompt(insertText(prompt.value, caret.value, text));
  }

  async function send(): Promise<void> {
    const message = prompt.value.trim();
    if (!message || sending.value || options.readOnly()) return;
    sendError.value = messageTooLong(message) ?? '';
    if (sendError.value) return;
    sending.value = true;
    try {
      await options.deliver(message);
      prompt.value = '';
      caret.value = 0;
      options.sent();
    } catch (caught) {
      sendError.value = describeError(caught);
    } finally {
      sending.value = false;
    }
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.isComposing) return;
    const count = suggestions.value.length;
    if (count > 0 && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active.value = active.value < 0 && step < 0 ? count - 1 : (active.value + step + count) % count;
      return;
    }
    if (event.key === 'Tab' && !event.shiftKey && count > 0) {
      event.preventDefault();
      accept(Math.max(0, active.value));
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      if (active.value >= 0 && count > 0) accept(active.value);
      else void send();
    }
  }

  return { prompt, active, sending, sendError, suggestions, syncCaret, accept, insertChip, send, onKeydown };
}
