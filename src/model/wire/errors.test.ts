import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { API_ERROR_STATUS, apiErrorBody, apiErrorResponse, errorTypeForStatus } from './errors.ts';
import { buildMessage, textBlock } from './message.ts';
import { encodeSseEvent, messageStreamEvents } from './sse.ts';

function clientAnswering(respond: () => Response): Anthropic {
  return new Anthropic({
    apiKey: 'wire-test',
    baseURL: 'https://wire.invalid',
    maxRetries: 0,
    fetch: async () => respond(),
  });
}

const params = {
  model: 'claude-sonnet-5',
  max_tokens: 64,
  messages: [{ role: 'user' as const, content: 'hi' }],
};

describe('API error bodies', () => {
  it('have the documented shape', () => {
    expect(apiErrorBody('overloaded_error', 'Overloaded', 'req_1')).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
      request_id: 'req_1',
    });
  });

  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [404, 'not_found_error'],
    [429, 'rate_limit_error'],
    [500, 'api_error'],
    [503, 'api_error'],
    [529, 'overloaded_error'],
  ])('status %i is a %s, and back', (status, type) => {
    expect(errorTypeForStatus(status)).toBe(type);
    if (status !== 503) expect(API_ERROR_STATUS[errorTypeForStatus(status)]).toBe(status);
  });

  it('reach the SDK as typed APIErrors with status, headers, type and request id', async () => {
    const client = clientAnswering(() =>
      apiErrorResponse(429, 'rate_limit_error', 'Slow down', 'req_429', { 'retry-after': '7' }),
    );
    const error = await client.messages.create(params).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    if (!(error instanceof Anthropic.APIError)) throw error;
    expect(error.status).toBe(429);
    expect(error.headers?.get('retry-after')).toBe('7');
    expect(error.type).toBe('rate_limit_error');
    expect(error.apiMessage).toBe('Slow down');
    expect(error.requestID).toBe('req_429');
  });

  it('raise an APIError when sent as an `error` event in the middle of a stream', async () => {
    const message = buildMessage({
      id: 'msg_1',
      model: params.model,
      content: [textBlock('partial answer that will not finish')],
      stop_reason: 'end_turn',
      usage: {
        input_tokens: 1,
        output_tokens: 1,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    });
    const body =
      messageStreamEvents(message).slice(0, 4).map(encodeSseEvent).join('') +
      encodeSseEvent(apiErrorBody('overloaded_error', 'Overloaded', 'req_mid'));
    const client = clientAnswering(
      () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    );
    const error = await client.messages
      .stream(params)
      .finalMessage()
      .catch((caught: unknown) => caught);
    if (!(error instanceof Anthropic.APIError)) throw error;
    expect(error.type).toBe('overloaded_error');
    expect(error.status).toBeUndefined();
  });
});
