/**
 * Turns a failed zod validation from any route into the one 422 error shape, naming where each
 * problem is (`body.name`, `query.limit`, `param.id`).
 */
import type { ZodError } from 'zod';
import { ValidationError, type ValidationIssue } from './errors.ts';

export function validationHook(result: { success: boolean; error?: ZodError; target: string }): void {
  if (result.success || !result.error) return;
  throw new ValidationError(toIssues(result.target, result.error));
}

export function toIssues(target: string, error: ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: [target === 'json' ? 'body' : target, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}
