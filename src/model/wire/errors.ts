/**
 * API error bodies: `{"type":"error","error":{"type":…,"message":…},"request_id":…}`, the shape the
 * SDK reads into `APIError.type` / `apiMessage`. The same body is the data of an in-stream
 * `event: error` (where the SDK raises it with no status).
 */
import type { ErrorType } from '@anthropic-ai/sdk/resources/shared';

export type ApiErrorType = ErrorType | 'request_too_large';

export interface ApiErrorBody {
  type: 'error';
  error: { type: ApiErrorType; message: string };
  request_id: string | null;
}

/** The HTTP status the API answers each error type with. */
export const API_ERROR_STATUS: Readonly<Record<ApiErrorType, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  conflict_error: 409,
  memory_precondition_failed_error: 412,
  memory_path_conflict_error: 409,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

const TYPE_BY_STATUS: ReadonlyMap<number, ApiErrorType> = new Map([
  [400, 'invalid_request_error'],
  [401, 'authentication_error'],
  [402, 'billing_error'],
  [403, 'permission_error'],
  [404, 'not_found_error'],
  [409, 'conflict_error'],
  [413, 'request_too_large'],
  [429, 'rate_limit_error'],
  [504, 'timeout_error'],
  [529, 'overloaded_error'],
]);

/** The error type the API uses for a status; other 5xx (and anything unknown) are `api_error`. */
export function errorTypeForStatus(status: number): ApiErrorType {
  return TYPE_BY_STATUS.get(status) ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

export function apiErrorBody(type: ApiErrorType, message: string, requestId: string | null): ApiErrorBody {
  return { type: 'error', error: { type, message }, request_id: requestId };
}

/** A complete JSON error response, with the `request-id` header the SDK exposes as `requestID`. */
export function apiErrorResponse(
  status: number,
  type: ApiErrorType,
  message: string,
  requestId: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(apiErrorBody(type, message, requestId)), {
    status,
    headers: { 'content-type': 'application/json', 'request-id': requestId, ...headers },
  });
}
