/**
 * Request bodies are JSON or nothing. Runs after `bodyLimit`, so a body is never read past the limit.
 * Parsing here (Hono caches the parsed body for the validators) lets malformed JSON get its own clear
 * 400 before any schema validation runs.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MalformedJsonError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors.ts';
import type { AppEnv } from './types.ts';

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const DEFAULT_MAX_BODY_BYTES = 1_048_576;

export function limitBody(): MiddlewareHandler<AppEnv> {
  return async function limitBody(c, next) {
    const maxSize = Number(c.env.MAX_BODY_BYTES) || DEFAULT_MAX_BODY_BYTES;
    return bodyLimit({
      maxSize,
      onError: () => {
        throw new PayloadTooLargeError(maxSize);
      },
    })(c, next);
  };
}

export function requireJsonBody(): MiddlewareHandler<AppEnv> {
  return async function requireJsonBody(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const contentType = c.req.header('Content-Type');
    const declaresJson = contentType !== undefined && JSON_CONTENT_TYPE.test(contentType);
    if (!declaresJson) {
      if (hasBody(c.req.raw)) throw new UnsupportedMediaTypeError(contentType);
      return next();
    }
    // Declared JSON must be JSON, an empty body included.
    try {
      await c.req.json();
    } catch (error) {
      throw new MalformedJsonError(error);
    }
    return next();
  };
}

function hasBody(request: Request): boolean {
  if (!request.body) return false;
  const length = request.headers.get('Content-Length');
  return length === null || Number(length) > 0;
}
