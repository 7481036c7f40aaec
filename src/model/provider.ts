/**
 * Which model provider the environment selects:
 * `ANTHROPIC_API_KEY` alone → the Anthropic API; `ANTHROPIC_BASE_URL` → that Anthropic-compatible
 * server; neither → the built-in offline model. The description is safe to show: no key, no URL
 * credentials.
 */
export type ModelProvider =
  | { provider: 'anthropic'; label: string }
  | { provider: 'anthropic-compatible'; label: string; base_url: string }
  | { provider: 'offline'; label: string };

export interface ModelConfig {
  ANTHROPIC_API_KEY?: string | undefined;
  ANTHROPIC_BASE_URL?: string | undefined;
}

export function describeModelProvider(config: ModelConfig): ModelProvider {
  const baseUrl = config.ANTHROPIC_BASE_URL?.trim();
  if (baseUrl) {
    return {
      provider: 'anthropic-compatible',
      label: 'Anthropic-compatible server',
      base_url: redactUrl(baseUrl),
    };
  }
  if (config.ANTHROPIC_API_KEY?.trim()) return { provider: 'anthropic', label: 'Anthropic API' };
  return { provider: 'offline', label: 'Built-in offline model (no AI: follows a fixed command grammar)' };
}

function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    url.search = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return 'invalid URL';
  }
}
