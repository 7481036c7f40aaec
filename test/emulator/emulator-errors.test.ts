/** The emulator's failures as the real SDK sees them: HTTP errors, mid-stream errors, cut streams. */
import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { requestParams, useEmulator } from './sdk-fixture.ts';

const sdk = useEmulator();
const params = requestParams;

async function failure(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (caught: unknown) => caught,
  );
  if (error instanceof APIError) return error;
  throw error;
}

describe('Messages API emulator errors', () => {
  it('answers 429 with retry-after, visible to the SDK as a RateLimitError', async () => {
    await sdk.control.script('429', [
      { error: { status: 429, retry_after_seconds: 3 } },
      { text: 'recovered' },
    ]);
    const error = await failure(sdk.client.messages.create(params('429')));
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error.status).toBe(429);
    expect(error.headers?.get('retry-after')).toBe('3');
    expect(error.type).toBe('rate_limit_error');
    expect(error.requestID).toMatch(/^req_emulator_/);
    expect((await sdk.client.messages.create(params('429'))).content[0]).toMatchObject({ text: 'recovered' });
  });

  it('answers 529 overloaded_error and 500 api_error, streaming or not', async () => {
    await sdk.control.script('5xx', [
      { error: { status: 529 } },
      { error: { status: 500, message: 'boom' } },
    ]);
    const overloaded = await failure(sdk.client.messages.stream(params('5xx')).finalMessage());
    expect(overloaded).toBeInstanceOf(Anthropic.OverloadedError);
    expect(overloaded).toMatchObject({ status: 529, type: 'overloaded_error' });
    const internal = await failure(sdk.client.messages.create(params('5xx')));
    expect(internal).toBeInstanceOf(Anthropic.InternalServerError);
    expect(internal).toMatchObject({ status: 500, type: 'api_error', apiMessage: 'boom' });
  });

  it('answers 400 with the scripted type and message', async () => {
    await sdk.control.script('400', [{ error: { status: 400, message: 'prompt is too long' } }]);
    const error = await failure(sdk.client.messages.create(params('400')));
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error).toMatchObject({ type: 'invalid_request_error', apiMessage: 'prompt is too long' });
  });

  it('sends an error event in the middle of a stream', async () => {
    await sdk.control.script('mid', [{ error: { status: 529, after_events: 4 } }]);
    const events: string[] = [];
    const stream = sdk.client.messages
      .stream(params('mid'))
      .on('streamEvent', (event) => events.push(event.type));
    const error = await failure(stream.finalMessage());
    expect(error.type).toBe('overloaded_error');
    expect(error.status).toBeUndefined();
    expect(events).toEqual(['message_start', 'content_block_start', 'content_block_delta']);
  });

  it('cuts a stream abruptly, which surfaces as an error rather than a short message', async () => {
    await sdk.control.script('cut', [
      { cut_after_events: 4 },
      { text: 'json body cut', cut_after_events: 0 },
    ]);
    const events: string[] = [];
    const stream = sdk.client.messages
      .stream(params('cut'))
      .on('streamEvent', (event) => events.push(event.type));
    await expect(stream.finalMessage()).rejects.toThrow();
    expect(events).toEqual(['message_start', 'content_block_start', 'content_block_delta']);
    await expect(sdk.client.messages.create(params('cut'))).rejects.toThrow();
  });
});
