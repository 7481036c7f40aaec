/**
 * The one error shape: `{"error": {"type", "message", "details"?, "request_id"}}` with the right status
 * and the `X-Request-Id` header. Expected failures (`AppError`, Hono's `HTTPException`) keep their
 * status and are not logged as bugs; anything else is logged with the request id and masked as a 500.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorType, NotFoundError } from './errors.ts';
import type { AppEnv } from './types.ts';

export interface ErrorBody {
  error: { type: ErrorType; message: string; details?: unknown; request_id: string };
}

export const handleError: ErrorHandler<AppEnv> = (err, c) => {
  const appError = toAppError(err);
  if (appError.status >= 500 && appError.type === 'internal') {
    console.error(`[${requestIdOf(c)}] ${c.req.method} ${new URL(c.req.url).pathname} failed:`, err);
  }
  return errorResponse(c, appError);
};

export const handleNotFound: NotFoundHandler<AppEnv> = (c) =>
  errorResponse(c, new NotFoundError(`${c.req.method} ${new URL(c.req.url).pathname}`));

export function errorResponse(c: Context<AppEnv>, error: AppError): Response {
  const body: ErrorBody = {
    error: {
      type: error.type,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
      request_id: requestIdOf(c),
    },
  };
  const headers = { ...error.headers, 'X-Request-Id': requestIdOf(c) };
  return c.json(body, error.status as ContentfulStatusCode, headers);
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) return fromHttpException(err);
  return new AppError(500, 'internal', 'Internal error. Quote the request id when reporting it.', {
    cause: err,
  });
}

const typeByStatus: Record<number, ErrorType> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
  503: 'service_unavailable',
};

function fromHttpException(err: HTTPException): AppError {
  const type = typeByStatus[err.status];
  if (!type) return new AppError(500, 'internal', 'Internal error. Quote the request id when reporting it.');
  return new AppError(err.status, type, err.message || type.replaceAll('_', ' '), { cause: err });
}

function requestIdOf(c: Context<AppEnv>): string {
  return c.get('requestId') ?? 'unknown';
}
