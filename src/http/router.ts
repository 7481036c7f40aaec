import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './types.ts';
import { validationHook } from './validation.ts';

/** A resource router whose validation failures all become the one 422 error shape. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
