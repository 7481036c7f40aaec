/**
 * The Anthropic client for the environment's model provider (see provider.ts): the Anthropic API,
 * an Anthropic-compatible server, or the built-in offline model, all through the same SDK.
 */
import { BaseAnthropic } from '@anthropic-ai/sdk/client';
import { Messages } from '@anthropic-ai/sdk/resources/messages';
import { OFFLINE_BASE_URL, offlineFetch } from './offline/fetch.ts';
import { describeModelProvider, type ModelConfig, type ModelProvider } from './provider.ts';

const ANTHROPIC_API_URL = 'https://api.anthropic.com';

/** Sent when a compatible server needs no key: the SDK refuses to build requests without one. */
const PLACEHOLDER_KEY = 'no-key';

/**
 * The SDK's client with the one API this project calls, Messages. The full `Anthropic` class also
 * builds Beta, Files, Models, Skills, … and so puts them all in the Worker bundle (about 60 KB of
 * its gzip size); requests, retries and errors are the base client's either way.
 */
export class MessagesClient extends BaseAnthropic {
  messages: Messages = new Messages(this);
}

export interface ModelClient {
  client: MessagesClient;
  provider: ModelProvider;
}

export function createModelClient(env: ModelConfig): ModelClient {
  const provider = describeModelProvider(env);
  const apiKey = env.ANTHROPIC_API_KEY?.trim();
  // No SDK retries: the agent loop retries itself, honouring retry-after, and records each attempt.
  // The base URL is always explicit, so the SDK never falls back to its own environment lookups.
  const common = { maxRetries: 0 };
  switch (provider.provider) {
    case 'anthropic':
      return { provider, client: new MessagesClient({ ...common, apiKey, baseURL: ANTHROPIC_API_URL }) };
    case 'anthropic-compatible':
      return {
        provider,
        client: new MessagesClient({
          ...common,
          apiKey: apiKey || PLACEHOLDER_KEY,
          baseURL: env.ANTHROPIC_BASE_URL?.trim(),
        }),
      };
    case 'offline':
      return {
        provider,
        client: new MessagesClient({
          ...common,
          apiKey: 'offline',
          baseURL: OFFLINE_BASE_URL,
          fetch: offlineFetch,
        }),
      };
  }
}
