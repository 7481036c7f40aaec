/**
 * The script language of the Messages API emulator: each step is one model response, consumed in
 * order per scope (the request's `metadata.user_id`). Shared by the emulator (Node) and the test
 * helper that scripts it from workerd, so it holds types and a validator only.
 */
import type { ApiErrorType } from '../../src/model/wire/errors.ts';

export interface UsageOverride {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

export interface StepOptions {
  /** Wait this long before answering (headers included). */
  delay_ms?: number;
  /** Wait this long between SSE events. */
  chunk_delay_ms?: number;
  /** Pin token counts instead of the ceil(chars / 4) estimates. */
  usage?: UsageOverride;
  /** Close the connection abruptly after this many SSE events (JSON: mid-body), as a cut network would. */
  cut_after_events?: number;
}

export interface ScriptedToolUse {
  name: string;
  input?: Record<string, unknown>;
  id?: string;
}

export interface TextStep extends StepOptions {
  text: string;
  thinking?: string;
}

export interface ToolUseStep extends StepOptions {
  /** Several entries make one message with parallel tool calls. */
  tool_uses: ScriptedToolUse[];
  text?: string;
  thinking?: string;
}

export interface StopStep extends StepOptions {
  stop_reason: 'max_tokens' | 'refusal' | 'pause_turn' | 'end_turn';
  text?: string;
}

export interface ScriptedError {
  /** 429 comes with `retry-after` (default 1 s); 529 is `overloaded_error`. */
  status: number;
  /** Defaults to the API's type for the status. */
  type?: ApiErrorType;
  message?: string;
  retry_after_seconds?: number;
  /** Streaming only: answer 200, stream this many events, then send the error as an `error` event. */
  after_events?: number;
}

export interface ErrorStep extends StepOptions {
  error: ScriptedError;
}

export interface CutStep extends StepOptions {
  cut_after_events: number;
  text?: string;
}

export type EmulatorStep = TextStep | ToolUseStep | StopStep | ErrorStep | CutStep;

/** A request the emulator received, for assertions (auth headers removed). */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

const STOP_REASONS = new Set(['max_tokens', 'refusal', 'pause_turn', 'end_turn']);

/** Why a value is not a step, or undefined when it is one. */
export function stepProblem(step: unknown): string | undefined {
  if (!isRecord(step)) return 'a step must be an object';
  for (const key of ['delay_ms', 'chunk_delay_ms', 'cut_after_events'] as const) {
    const value = step[key];
    if (value !== undefined && !(typeof value === 'number' && value >= 0))
      return `${key} must be a number >= 0`;
  }
  if (step.usage !== undefined && !isRecord(step.usage)) return 'usage must be an object';
  if (isRecord(step.error)) {
    return typeof step.error.status === 'number' ? undefined : 'error.status must be a number';
  }
  if (Array.isArray(step.tool_uses)) {
    const bad = step.tool_uses.some((use) => !isRecord(use) || typeof use.name !== 'string');
    return bad ? 'each tool_uses entry needs a name' : undefined;
  }
  if (step.stop_reason !== undefined) {
    return STOP_REASONS.has(String(step.stop_reason)) ? undefined : `unknown stop_reason ${step.stop_reason}`;
  }
  if (typeof step.text === 'string' || typeof step.cut_after_events === 'number') return undefined;
  return 'a step needs text, tool_uses, stop_reason, error or cut_after_events';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
