/**
 * The typed API client: paths and bodies come from schema.d.ts, generated from the server's own
 * OpenAPI document (npm run api:snapshot). The browser authenticates with the HttpOnly session cookie.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';

export type Schemas = components['schemas'];
export type Orchestrator = Schemas['Orchestrator'];
export type Agent = Schemas['Agent'];
export type ChatMessage = Schemas['ChatMessage'];
export type ApiEvent = Schemas['Event'];
export type Health = Schemas['Health'];
export type OrchestratorDetails =
  paths['/orchestrators/{id}']['get']['responses'][200]['content']['application/json'];

export const api = createClient<paths>({ baseUrl: '/api', credentials: 'same-origin' });

/** An API failure with the server's `{error: {type, message, request_id}}`, or a network failure (status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { type?: unknown; message?: unknown; request_id?: unknown };
}

/** openapi-fetch's result → the data, or an ApiError carrying the server's error shape. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error === undefined && result.response.ok) return result.data as T;
  throw toApiError(result.response.status, result.error);
}

export function toApiError(status: number, body: unknown): ApiError {
  const error = (body as ErrorBody | undefined)?.error;
  if (error && typeof error.message === 'string') {
    return new ApiError(
      status,
      typeof error.type === 'string' ? error.type : 'error',
      error.message,
      typeof error.request_id === 'string' ? error.request_id : undefined,
    );
  }
  return new ApiError(status, 'http_error', `The server answered ${status}.`);
}

/** A readable line for any thrown value, with the request id when the server gave one. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    return error.requestId ? `${error.message} (request ${error.requestId})` : error.message;
  }
  if (error instanceof TypeError) return 'The server could not be reached. Check your connection.';
  return error instanceof Error ? error.message : String(error);
}
