/**
 * Keeping a conversation valid for the Messages API across interrupts. Every `tool_use` must be
 * answered by a `tool_result` in the next user message, and a new user message after an
 * interrupted turn must not leave two user messages in a row. Pure: works on message arrays.
 */
import type {
  ContentBlockParam,
  MessageParam,
  ToolResultBlockParam,
} from '@anthropic-ai/sdk/resources/messages';

/**
 * The messages to append so that `text` becomes the next user turn. Tool calls left unanswered by an
 * interrupted turn get their stored results, or an "interrupted" error result.
 */
export function nextUserTurn(
  history: MessageParam[],
  text: string,
  storedResult: (toolUseId: string) => ToolResultBlockParam | undefined,
): { replaceLast?: MessageParam; append: MessageParam[] } {
  const last = history.at(-1);
  const textBlock: ContentBlockParam = { type: 'text', text };
  if (!last) return { append: [{ role: 'user', content: [textBlock] }] };
  if (last.role === 'user') {
    // The previous turn was cut before the model answered: fold the new text into that message.
    return { replaceLast: { role: 'user', content: [...asBlocks(last.content), textBlock] }, append: [] };
  }
  const pending = asBlocks(last.content).filter((block) => block.type === 'tool_use');
  if (pending.length === 0) return { append: [{ role: 'user', content: [textBlock] }] };
  const results: ToolResultBlockParam[] = pending.map(
    (use) =>
      storedResult(use.id) ?? {
        type: 'tool_result',
        tool_use_id: use.id,
        content: 'Interrupted before this tool call finished; the user sent a new message.',
        is_error: true,
      },
  );
  return { append: [{ role: 'user', content: [...results, textBlock] }] };
}

function asBlocks(content: MessageParam['content']): ContentBlockParam[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}
