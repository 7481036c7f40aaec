/**
 * JSON requests to the pipeline, backtest and chain routes. They go through fetch rather than the
 * typed client so a failure keeps the error's `details` (suggestions, per-field problems) for the
 * form that caused it; it is still an ApiError with the server's `{error: {type, message, request_id}}`.
 */
import { ApiError, toApiError } from '../../api/client.ts';

/** An API failure with what the server's `details` offer a reader: suggestions and per-field issues. */
export class DetailedApiError extends ApiError {
  constructor(
    base: ApiError,
    readonly suggestions: string[],
    readonly issues: string[],
  ) {
    super(base.status, base.type, base.message, base.requestId);
  }
}

/** `details.suggestions`, and `details.fields` / `details.issues` as "field: message" lines. */
export function errorDetails(body: unknown): { suggestions: string[]; issues: string[] } {
  const details = (body as { error?: { details?: unknown } } | null)?.error?.details;
  if (typeof details !== 'object' || details === null) return { suggestions: [], issues: [] };
  const { suggestions, fields, issues } = details as {
    suggestions?: unknown;
    fields?: unknown;
    issues?: unknown;
  };
  const lines: string[] = [];
  if (typeof fields === 'object' && fields !== null) {
    for (const [field, message] of Object.entries(fields))
      if (typeof message === 'string') lines.push(`${field}: ${message}`);
  }
  if (Array.isArray(issues)) {
    for (const issue of issues as Array<{ path?: unknown; message?: unknown }>) {
      if (typeof issue?.message === 'string')
        lines.push(typeof issue.path === 'string' ? `${issue.path}: ${issue.message}` : issue.message);
    }
  }
  return {
    suggestions: Array.isArray(suggestions)
      ? suggestions.filter((s): s is string => typeof s === 'string')
      : [],
    issues: lines,
  };
}

export async function requestJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const { suggestions, issues } = errorDetails(parsed);
    throw new DetailedApiError(toApiError(response.status, parsed), suggestions, issues);
  }
  return parsed as T;
}

/** `?a=1&b=2` from the defined values, or '' when there are none. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
