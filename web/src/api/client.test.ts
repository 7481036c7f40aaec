import { describe, expect, it } from 'vitest';
import { ApiError, describeError, toApiError, unwrap } from './client.ts';

describe('API errors', () => {
  it('carry the server error shape', () => {
    const error = toApiError(422, {
      error: { type: 'validation_failed', message: 'Invalid request: body.name', request_id: 'r1' },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.type, error.message, error.requestId]).toEqual([
      422,
      'validation_failed',
      'Invalid request: body.name',
      'r1',
    ]);
    expect(describeError(error)).toBe('Invalid request: body.name (request r1)');
  });

  it('fall back to the status for bodies of another shape', () => {
    expect(toApiError(502, 'Bad gateway').message).toBe('The server answered 502.');
  });

  it('unwrap returns the data of a successful response', () => {
    expect(unwrap({ data: { a: 1 }, response: new Response(null, { status: 200 }) })).toEqual({ a: 1 });
    expect(() => unwrap({ error: {}, response: new Response(null, { status: 401 }) })).toThrow(ApiError);
  });
});
