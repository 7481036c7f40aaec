/**
 * The autocomplete call to the fast model: non-streaming (three short completions), the answer forced
 * through `suggest_completions`, and one deadline for the whole exchange (a completion that arrives
 * after the person typed on is worthless). An answer that does not fit the schema is asked for once
 * more while time remains. Every answer that came back is returned, valid or not, so each is priced.
 */
import type { Message } from '@anthropic-ai/sdk/resources/messages';
import type { MessagesClient } from '../model/client.ts';
import { resolveModel } from '../model/models.ts';
import { AUTOCOMPLETE_SYSTEM_PROMPT } from './prompt.ts';
import {
  AUTOCOMPLETE_TOOL_NAME,
  type Completion,
  readCompletions,
  suggestCompletionsTool,
} from './schema.ts';

export const AUTOCOMPLETE_MODEL = resolveModel('fast');
/** The whole exchange, retry included. Typing pauses are about this long; later is too late. */
export const AUTOCOMPLETE_TIMEOUT_MS = 2_500;
const MAX_TOKENS = 512;
const MAX_ATTEMPTS = 2;

export interface AnsweredCall {
  message: Message;
  durationMs: number;
}

export type AskOutcome =
  | { kind: 'completions'; completions: Completion[]; calls: AnsweredCall[] }
  | { kind: 'timed_out'; calls: AnsweredCall[] }
  | { kind: 'invalid'; problem: string; calls: AnsweredCall[] };

export interface AskOptions {
  /** `metadata.user_id`: the opaque scope of this caller's traffic (`<orchestrator id>:autocomplete`). */
  callerId: string;
  timeoutMs?: number;
}

/** Asks for completions; a model error (HTTP or network) is thrown for the caller to map. */
export async function askForCompletions(
  client: MessagesClient,
  prompt: string,
  options: AskOptions,
): Promise<AskOutcome> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs ?? AUTOCOMPLETE_TIMEOUT_MS);
  const calls: AnsweredCall[] = [];
  let problem = '';
  try {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && !deadline.signal.aborted; attempt++) {
      const started = Date.now();
      let message: Message;
      try {
        message = await client.messages.create(
          {
            model: AUTOCOMPLETE_MODEL,
            max_tokens: MAX_TOKENS,
            system: AUTOCOMPLETE_SYSTEM_PROMPT,
            tools: [suggestCompletionsTool()],
            tool_choice: { type: 'tool', name: AUTOCOMPLETE_TOOL_NAME },
            messages: [{ role: 'user', content: prompt }],
            metadata: { user_id: options.callerId },
          },
          { signal: deadline.signal },
        );
      } catch (error) {
        // The deadline aborted the request: that is the answer, not a failure.
        if (deadline.signal.aborted) return { kind: 'timed_out', calls };
        throw error;
      }
      calls.push({ message, durationMs: Date.now() - started });
      const read = readCompletions(message);
      if (read.ok) return { kind: 'completions', completions: read.completions, calls };
      problem = read.problem;
    }
    return problem ? { kind: 'invalid', problem, calls } : { kind: 'timed_out', calls };
  } finally {
    clearTimeout(timer);
  }
}
