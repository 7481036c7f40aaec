/**
 * The API's expected failures. Each carries its HTTP status, a stable machine-readable `type`, a
 * message safe to show a user, and optional structured `details`. Anything thrown that is not an
 * `AppError` is a bug: it is logged and answered with a generic 500 (see `error-handler.ts`).
 */
export type ErrorType =
  | 'malformed_json'
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'validation_failed'
  | 'rate_limited'
  | 'service_unavailable'
  | 'bad_gateway'
  | 'internal';

export class AppError extends Error {
  override readonly name: string = 'AppError';
  readonly status: number;
  readonly type: ErrorType;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    type: ErrorType,
    message: string,
    options: { details?: unknown; cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = status;
    this.type = type;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

export class MalformedJsonError extends AppError {
  override readonly name = 'MalformedJsonError';
  constructor(cause?: unknown) {
    super(400, 'malformed_json', 'The request body is not valid JSON.', { cause });
  }
}

export class UnauthorizedError extends AppError {
  override readonly name = 'UnauthorizedError';
  constructor(message = 'A valid bearer token, session cookie or WebSocket ticket is required.') {
    super(401, 'unauthorized', message, { headers: { 'WWW-Authenticate': 'Bearer' } });
  }
}

export class ForbiddenError extends AppError {
  override readonly name = 'ForbiddenError';
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}

export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  constructor(what: string) {
    super(404, 'not_found', `${what} was not found.`);
  }
}

export class ConflictError extends AppError {
  override readonly name = 'ConflictError';
  constructor(message: string, details?: unknown) {
    super(409, 'conflict', message, { details });
  }
}

export class PayloadTooLargeError extends AppError {
  override readonly name = 'PayloadTooLargeError';
  constructor(maxBytes: number) {
    super(413, 'payload_too_large', `The request body is larger than ${maxBytes} bytes.`, {
      details: { max_bytes: maxBytes },
    });
  }
}

export class UnsupportedMediaTypeError extends AppError {
  override readonly name = 'UnsupportedMediaTypeError';
  constructor(received: string | undefined) {
    super(415, 'unsupported_media_type', 'Request bodies must be JSON (Content-Type: application/json).', {
      details: { received: received ?? null },
    });
  }
}

export interface ValidationIssue {
  /** Where the problem is: `body.name`, `query.limit`, `params.id`. */
  path: string;
  message: string;
}

export class ValidationError extends AppError {
  override readonly name = 'ValidationError';
  constructor(issues: ValidationIssue[]) {
    const first = issues[0];
    super(
      422,
      'validation_failed',
      first ? `Invalid request: ${first.path}: ${first.message}` : 'Invalid request.',
      { details: { issues } },
    );
  }
}

export class ServiceUnavailableError extends AppError {
  override readonly name = 'ServiceUnavailableError';
  constructor(message: string) {
    super(503, 'service_unavailable', message);
  }
}

/** An upstream service (a broker) answered, but with a failure this server cannot turn into a result. */
export class BadGatewayError extends AppError {
  override readonly name = 'BadGatewayError';
  constructor(message: string, details?: unknown) {
    super(502, 'bad_gateway', message, { details });
  }
}

/**
 * A broker cannot be reached right now (down, rate-limited, or its circuit breaker is open). The
 * client should retry: `Retry-After` (seconds) and `details.retry_at` say when, if known.
 */
export class BrokerUnavailableError extends AppError {
  override readonly name = 'BrokerUnavailableError';
  constructor(
    message: string,
    options: { retryAfterMs?: number | undefined; details?: Record<string, unknown> } = {},
  ) {
    const retryAfterSeconds =
      options.retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(options.retryAfterMs / 1000));
    super(503, 'service_unavailable', message, {
      details: { ...options.details, retry_after_seconds: retryAfterSeconds ?? null },
      headers: retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) },
    });
  }
}
