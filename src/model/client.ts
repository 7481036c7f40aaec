/**
 * The Anthropic client for the environment's model provider (see provider.ts): the Anthropic API,
 * an Anthropic-compatible server, or the built-in offline model, all through the same SDK.
 */
import Anthropic from '@anthropic-ai/sdk';
import { OFFLINE_BASE_URL, offlineFetch } from './offline/fetch.ts';
import { describeModelProvider, type ModelConfig, type ModelProvider } from './provider.ts';

const ANTHROPIC_API_URL = 'https://api.anthropic.com';

/** Sent when a compatible server needs no key: the SDK refuses to build requests without one. */
const PLACEHOLDER_KEY = 'no-key';

export interface ModelClient {
  client: Anthropic;
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
      return { provider, client: new Anthropic({ ...common, apiKey, baseURL: ANTHROPIC_API_URL }) };
    case 'anthropic-compatible':
      return {
        provider,
        client: new Anthropic({
          ...common,
          apiKey: apiKey || PLACEHOLDER_KEY,
          baseURL: env.ANTHROPIC_BASE_URL?.trim(),
        }),
      };
    case 'offline':
      return {
        provider,
        client: new Anthropic({
          ...common,
          apiKey: 'offline',
          baseURL: OFFLINE_BASE_URL,
          fetch: offlineFetch,
        }),
      };
  }
}
