/** Schemas shared by every resource's OpenAPI description. */
import { z } from '@hono/zod-openapi';

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      type: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      details: z.unknown().optional(),
      request_id: z.string(),
    }),
  })
  .openapi('Error');

const errorContent = { 'application/json': { schema: ErrorResponseSchema } };

const errorDescriptions = {
  400: 'Malformed JSON',
  401: 'Missing or invalid credentials',
  403: 'Credentials not valid for this request',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  415: 'Body is not JSON',
  422: 'Validation failed',
  503: 'A dependency is unavailable',
} as const;

type ErrorStatus = keyof typeof errorDescriptions;

/** OpenAPI response entries for the error statuses a route can return. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]) {
  const responses = {} as Record<S, { description: string; content: typeof errorContent }>;
  for (const status of statuses)
    responses[status] = { description: errorDescriptions[status], content: errorContent };
  return responses;
}

export const UuidParam = z
  .uuid()
  .openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' });
