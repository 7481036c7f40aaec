/**
 * Season parameters from a sentence. With a model configured: one Messages API call to the fast
 * model, the answer forced through `record_season_parameters`, priced into `model_calls` (purpose
 * `chain`) when an orchestrator pays for it. Without one: the offline grammar (offline-extract.ts).
 * Both end in the same defaults and rules (extraction-tool.ts), so a sentence means the same thing
 * either way, as far as the grammar reaches.
 */
import type { Message } from '@anthropic-ai/sdk/resources/messages';
import { describeFailure } from '../../agents/retry.ts';
import { type DatabaseConfig, openDatabase } from '../../db/client.ts';
import { createModelClient, type MessagesClient } from '../../model/client.ts';
import { resolveModel } from '../../model/models.ts';
import type { ModelConfig } from '../../model/provider.ts';
import { recordStandaloneCall } from '../../model/record-call.ts';
import {
  EXTRACTION_TOOL_NAME,
  extractionSystemPrompt,
  extractionTool,
  parametersFrom,
  readExtraction,
  unparseable,
} from './extraction-tool.ts';
import { extractOffline } from './offline-extract.ts';
import { ChainInputError, type SeasonParameters } from './parameters.ts';

export const EXTRACTION_MODEL = resolveModel('fast');
/** A sentence is short; an answer slower than this is an outage, not a long thought. */
export const EXTRACTION_TIMEOUT_MS = 15_000;
const MAX_TOKENS = 512;
/** Longer text is not a season description; the cap also bounds what a call can cost. */
export const MAX_TEXT_CHARS = 4_000;

export interface ExtractedParameters {
  parameters: SeasonParameters;
  source: 'model' | 'offline';
  confidence?: number;
}

export interface ExtractionMeter {
  /** The orchestrator the call is priced to; without one the call is not recorded. */
  orchestratorId?: string;
  /** The deadline for the model's answer (default EXTRACTION_TIMEOUT_MS). */
  timeoutMs?: number;
}

export async function extractSeasonParameters(
  env: ModelConfig & DatabaseConfig,
  text: string,
  meter: ExtractionMeter = {},
): Promise<ExtractedParameters> {
  const sentence = text.trim();
  if (sentence === '') throw unparseable();
  if (sentence.length > MAX_TEXT_CHARS) {
    throw new ChainInputError(400, 'unparseable', `The text is longer than ${MAX_TEXT_CHARS} characters.`, {
      suggestions: ['Describe the season in one or two sentences, or send the parameters as JSON.'],
    });
  }
  const today = new Date().toISOString().slice(0, 10);
  const { client, provider } = createModelClient(env);
  if (provider.provider === 'offline') {
    const { found, confidence } = extractOffline(sentence, today);
    return { parameters: parametersFrom(found), source: 'offline', confidence };
  }
  const started = Date.now();
  const message = await askModel(client, sentence, today, meter);
  if (meter.orchestratorId) await recordCall(env, meter.orchestratorId, message, Date.now() - started);
  const read = readExtraction(message);
  if (!read.ok) {
    throw modelUnavailable(
      `The model's answer did not fit the ${EXTRACTION_TOOL_NAME} schema (${read.problem}).`,
    );
  }
  if (!read.aboutSeasonPlanning) throw unparseable();
  return { parameters: parametersFrom(read.found), source: 'model', confidence: read.confidence };
}

async function askModel(
  client: MessagesClient,
  sentence: string,
  today: string,
  meter: ExtractionMeter,
): Promise<Message> {
  const deadline = new AbortController();
  const timeoutMs = meter.timeoutMs ?? EXTRACTION_TIMEOUT_MS;
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  try {
    return await client.messages.create(
      {
        model: EXTRACTION_MODEL,
        max_tokens: MAX_TOKENS,
        system: extractionSystemPrompt(today),
        tools: [extractionTool()],
        tool_choice: { type: 'tool', name: EXTRACTION_TOOL_NAME },
        messages: [{ role: 'user', content: sentence }],
        ...(meter.orchestratorId ? { metadata: { user_id: `${meter.orchestratorId}:chain` } } : {}),
      },
      { signal: deadline.signal },
    );
  } catch (error) {
    if (deadline.signal.aborted) {
      throw modelUnavailable(`The model did not answer within ${timeoutMs} ms.`, error);
    }
    const failure = describeFailure(error);
    const why = failure.transport ? 'could not be reached' : `answered ${failure.status}`;
    throw modelUnavailable(`The model ${why}.`, error);
  } finally {
    clearTimeout(timer);
  }
}

function modelUnavailable(message: string, cause?: unknown): ChainInputError {
  return new ChainInputError(503, 'model_unavailable', `${message} The parameters could not be extracted.`, {
    suggestions: ['Try again in a moment.', 'Or send the parameters as JSON instead of a sentence.'],
    cause,
  });
}

async function recordCall(
  env: DatabaseConfig,
  orchestratorId: string,
  message: Message,
  durationMs: number,
): Promise<void> {
  const handle = openDatabase(env, { maxConnections: 1 });
  try {
    await recordStandaloneCall(handle.db, { orchestratorId, purpose: 'chain', message, durationMs });
  } finally {
    await handle.close();
  }
}
