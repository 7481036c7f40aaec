/** What the emulator answers for one scripted step: pure, so the HTTP layer only writes it out. */
import {
  type ApiErrorBody,
  apiErrorBody,
  buildMessage,
  type ContentBlock,
  errorTypeForStatus,
  estimateUsage,
  type Message,
  type MessagesRequest,
  messageStreamEvents,
  type StreamEvent,
  textBlock,
  thinkingBlock,
  toolUseBlock,
} from '../../src/model/wire/index.ts';
import type { EmulatorStep, ScriptedError } from './steps.ts';

export type Planned =
  | { kind: 'error'; status: number; headers: Record<string, string>; body: ApiErrorBody }
  | {
      kind: 'message';
      message: Message;
      /** What a streaming request receives (a mid-stream error already appended). */
      events: StreamEvent[];
      cutAfterEvents?: number;
    };

export interface Ids {
  requestId: string;
  messageId: string;
  toolUseId: () => string;
}

export const NO_SCRIPT_STEP: EmulatorStep = { text: 'emulator: no script' };

const DEFAULT_MESSAGES: Partial<Record<string, string>> = {
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit (emulated).',
  overloaded_error: 'Overloaded (emulated).',
  api_error: 'Internal server error (emulated).',
};

export function planResponse(step: EmulatorStep, request: MessagesRequest, ids: Ids): Planned {
  if ('error' in step && !(request.stream && step.error.after_events !== undefined)) {
    return plannedError(step.error, ids.requestId);
  }
  const content: ContentBlock[] = [];
  if ('thinking' in step && step.thinking !== undefined) {
    content.push(thinkingBlock(step.thinking, `emulator-signature-${ids.messageId}`));
  }
  const text = 'text' in step ? step.text : defaultText(step);
  if (text !== undefined) content.push(textBlock(text));
  if ('tool_uses' in step) {
    for (const use of step.tool_uses)
      content.push(toolUseBlock(use.id ?? ids.toolUseId(), use.name, use.input ?? {}));
  }
  const stopReason =
    'stop_reason' in step
      ? step.stop_reason
      : 'tool_uses' in step && step.tool_uses.length
        ? 'tool_use'
        : 'end_turn';
  const message = buildMessage({
    id: ids.messageId,
    model: request.model,
    content,
    stop_reason: stopReason,
    usage: estimateUsage(request, content, step.usage),
  });
  const events = messageStreamEvents(message);
  if ('error' in step) {
    const failure = plannedError(step.error, ids.requestId);
    return { kind: 'message', message, events: [...events.slice(0, step.error.after_events), failure.body] };
  }
  return { kind: 'message', message, events, cutAfterEvents: step.cut_after_events };
}

function defaultText(step: EmulatorStep): string | undefined {
  if ('error' in step) return 'emulator: this answer is interrupted by an error';
  if ('cut_after_events' in step && !('tool_uses' in step)) return 'emulator: this stream is cut short';
  return undefined;
}

function plannedError(error: ScriptedError, requestId: string): Planned & { kind: 'error' } {
  const type = error.type ?? errorTypeForStatus(error.status);
  const message = error.message ?? DEFAULT_MESSAGES[type] ?? `Emulated ${type}.`;
  const retryAfter = error.retry_after_seconds ?? (error.status === 429 ? 1 : undefined);
  return {
    kind: 'error',
    status: error.status,
    headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
    body: apiErrorBody(type, message, requestId),
  };
}
