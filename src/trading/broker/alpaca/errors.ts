/**
 * Alpaca's HTTP answers → BrokerError codes, and the one place messages are scrubbed of credentials
 * (an upstream message or a runtime's network error must never carry a key into logs or the API).
 */
import { BrokerError } from '../types.ts';
import { wireError } from './wire-schemas.ts';

/** Statuses worth another attempt: the broker may answer differently next time. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Alpaca's own message from an error body (`{code, message}`), else a trimmed slice of the text. */
export function upstreamMessage(bodyText: string): string {
  try {
    const parsed = wireError.safeParse(JSON.parse(bodyText));
    if (parsed.success) return parsed.data.message;
  } catch {
    // Not JSON: fall through to the raw text.
  }
  const text = bodyText.trim().slice(0, 200);
  return text || 'no message';
}

export function errorForStatus(
  status: number,
  message: string,
  where: string,
  retryAfterMs?: number,
): BrokerError {
  const text = `Alpaca ${where}: ${status} ${message}`;
  if (status === 401) return new BrokerError(text, 'unauthorized', status);
  if (status === 403) return new BrokerError(text, 'forbidden', status);
  if (status === 404) return new BrokerError(text, 'not_found', status);
  if (status === 429) return new BrokerError(text, 'rate_limited', status, retryAfterMs);
  if (status >= 500) return new BrokerError(text, 'unavailable', status);
  // 400 and 422 alike: Alpaca refused this request as made (bad field, insufficient funds, …).
  return new BrokerError(text, 'rejected', status);
}

/** Retry-After is seconds (or an HTTP date); absent or unreadable → undefined. */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Replaces every occurrence of the given secrets; empty strings are ignored. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret) result = result.replaceAll(secret, '[redacted]');
  return result;
}
