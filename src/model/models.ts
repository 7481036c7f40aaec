/**
 * The one table of models: ids, the aliases users and prompts use, context windows, and USD prices
 * per million tokens. Cache writes (5-minute TTL) cost 1.25× input and cache reads 0.1× input.
 * Prices as published by Anthropic, late 2026; unknown ids fall back to their family's price.
 */
export interface ModelInfo {
  id: string;
  family: 'fable' | 'opus' | 'sonnet' | 'haiku';
  contextWindow: number;
  /** USD per million tokens. */
  price: { input: number; output: number; cacheWrite: number; cacheRead: number };
}

const priced = (input: number, output: number) => ({
  input,
  output,
  cacheWrite: input * 1.25,
  cacheRead: input * 0.1,
});

export const MODELS: readonly ModelInfo[] = [
  { id: 'claude-fable-5-1', family: 'fable', contextWindow: 1_000_000, price: priced(10, 50) },
  { id: 'claude-opus-5', family: 'opus', contextWindow: 1_000_000, price: priced(5, 25) },
  { id: 'claude-sonnet-5', family: 'sonnet', contextWindow: 1_000_000, price: priced(2, 10) },
  { id: 'claude-haiku-4-5-20251001', family: 'haiku', contextWindow: 200_000, price: priced(1, 5) },
  // Earlier models still callable by id.
  { id: 'claude-opus-4-8', family: 'opus', contextWindow: 1_000_000, price: priced(5, 25) },
  { id: 'claude-opus-4-6', family: 'opus', contextWindow: 1_000_000, price: priced(5, 25) },
  { id: 'claude-opus-4-5-20251101', family: 'opus', contextWindow: 200_000, price: priced(5, 25) },
  { id: 'claude-sonnet-4-6', family: 'sonnet', contextWindow: 1_000_000, price: priced(3, 15) },
  { id: 'claude-sonnet-4-5-20250929', family: 'sonnet', contextWindow: 200_000, price: priced(3, 15) },
];

/**
 * What model-call records name a call the built-in offline model answered, whatever model was asked
 * for: it is not that model, and it is free (no entry or family covers it, so it prices at 0). The
 * console shows it as "offline model".
 */
export const OFFLINE_MODEL_ID = 'offline';

/** Aliases accepted wherever a model is named (the original's: opus, sonnet, haiku/fast). */
export const MODEL_ALIASES: Readonly<Record<string, string>> = {
  fable: 'claude-fable-5-1',
  opus: 'claude-opus-5',
  sonnet: 'claude-sonnet-5',
  haiku: 'claude-haiku-4-5-20251001',
  fast: 'claude-haiku-4-5-20251001',
  'claude-haiku-4-5': 'claude-haiku-4-5-20251001',
};

/** The model id to send for a name: aliases resolve, anything else passes through unchanged. */
export function resolveModel(name: string): string {
  return MODEL_ALIASES[name.trim().toLowerCase()] ?? name.trim();
}

/** What is known of a model, by id or alias; unknown ids of a known family get that family's entry. */
export function modelInfo(name: string): ModelInfo | undefined {
  const id = resolveModel(name);
  const exact = MODELS.find((model) => model.id === id);
  if (exact) return exact;
  const family = (['fable', 'opus', 'sonnet', 'haiku'] as const).find((f) => id.includes(f));
  const representative = family && MODELS.find((model) => model.family === family);
  return representative && { ...representative, id };
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
}

/** The Messages API's usage block in the shape prices and `model_calls` rows use. */
export function tokenUsageOf(usage: {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}): TokenUsage {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
  };
}

/** USD cost of one call; 0 for a model no entry or family covers (the offline model among them). */
export function priceUsage(model: string, usage: TokenUsage): number {
  const info = modelInfo(model);
  if (!info) return 0;
  const { price } = info;
  const microDollars =
    usage.inputTokens * price.input +
    usage.outputTokens * price.output +
    usage.cacheWriteTokens * price.cacheWrite +
    usage.cacheReadTokens * price.cacheRead;
  // Tokens × USD per million: round to the micro-dollar the database stores.
  return Math.round(microDollars) / 1_000_000;
}
