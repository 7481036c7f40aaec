/**
 * One analyst call to the model: non-streaming, the answer forced through the analyst's tool, and an
 * answer that does not fit the schema asked for once more. Every answer that came back is returned,
 * valid or not, so each is priced.
 */
import type { Message } from '@anthropic-ai/sdk/resources/messages';
import type { MessagesClient } from '../model/client.ts';
import { resolveModel } from '../model/models.ts';
import { ANALYST_SYSTEM_PROMPT } from './prompts.ts';
import { type AnalystTool, readToolAnswer, toolDefinition } from './tools.ts';

export const ANALYST_MODEL = resolveModel('sonnet');
const MAX_TOKENS = 4_096;
const MAX_ATTEMPTS = 2;

export interface AnsweredCall {
  message: Message;
  durationMs: number;
}

export type AnalystOutcome<T> =
  | { kind: 'answer'; value: T; calls: AnsweredCall[] }
  | { kind: 'invalid'; problem: string; calls: AnsweredCall[] };

/**
 * Asks the analyst; a model error (HTTP or network) is thrown with the calls answered so far attached
 * as `AnalystCallError.calls`, so the caller can still price them.
 */
export async function askAnalyst<T>(
  client: MessagesClient,
  tool: AnalystTool<T>,
  prompt: string,
  callerId: string,
): Promise<AnalystOutcome<T>> {
  const calls: AnsweredCall[] = [];
  let problem = '';
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const started = Date.now();
    let message: Message;
    try {
      message = await client.messages.create({
        model: ANALYST_MODEL,
        max_tokens: MAX_TOKENS,
        system: ANALYST_SYSTEM_PROMPT,
        tools: [toolDefinition(tool)],
        tool_choice: { type: 'tool', name: tool.name },
        messages: [{ role: 'user', content: prompt }],
        metadata: { user_id: callerId },
      });
    } catch (error) {
      throw new AnalystCallError(error, calls);
    }
    calls.push({ message, durationMs: Date.now() - started });
    const read = readToolAnswer(tool, message);
    if (read.ok) return { kind: 'answer', value: read.value, calls };
    problem = read.problem;
  }
  return { kind: 'invalid', problem, calls };
}

/** A model call that failed (HTTP status or transport), with the calls answered before it. */
export class AnalystCallError extends Error {
  override readonly name = 'AnalystCallError';
  readonly calls: AnsweredCall[];
  constructor(cause: unknown, calls: AnsweredCall[]) {
    super('The analyst model call failed.', { cause });
    this.calls = calls;
  }
}
