/**
 * Gives each request a lazily opened database (`c.var.db()`), closed once the response is sent.
 */
import type { MiddlewareHandler } from 'hono';
import { type DatabaseHandle, DatabaseNotConfiguredError, openDatabase } from '../db/client.ts';
import { ServiceUnavailableError } from './errors.ts';
import type { AppEnv } from './types.ts';

export function database(): MiddlewareHandler<AppEnv> {
  return async function database(c, next) {
    let handle: DatabaseHandle | undefined;
    c.set('db', () => {
      if (!handle) {
        try {
          handle = openDatabase(c.env);
        } catch (error) {
          if (error instanceof DatabaseNotConfiguredError) throw new ServiceUnavailableError(error.message);
          throw error;
        }
      }
      return handle.db;
    });
    try {
      await next();
    } finally {
      if (handle) c.executionCtx.waitUntil(handle.close());
    }
  };
}
