import { describe, expect, it } from 'vitest';
import openapi from '../api/openapi.json';
import { MAX_MESSAGE_CHARS, messageTooLong } from './message-limit.ts';

interface SendMessageSchema {
  components: { schemas: { SendMessage: { properties: { message: { maxLength?: number } } } } };
}

describe('messageTooLong', () => {
  it('uses the limit the server publishes for POST …/messages', () => {
    const schema = openapi as unknown as SendMessageSchema;
    expect(schema.components.schemas.SendMessage.properties.message.maxLength).toBe(MAX_MESSAGE_CHARS);
  });

  it('accepts a message at the limit (counted after trimming, as the server does)', () => {
    expect(messageTooLong('x'.repeat(MAX_MESSAGE_CHARS))).toBeNull();
    expect(messageTooLong(`  ${'x'.repeat(MAX_MESSAGE_CHARS)}\n`)).toBeNull();
  });

  it('explains a message over the limit with its count', () => {
    expect(messageTooLong('x'.repeat(MAX_MESSAGE_CHARS + 5))).toBe(
      'Too long to send: 100,005 characters, the limit is 100,000 (5 over).',
    );
  });
});
