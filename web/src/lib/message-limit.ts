/**
 * The server's limit on a chat message (POST …/messages: `message` is trimmed, then at most this many
 * UTF-16 code units; see the OpenAPI document). Checked before sending, so an over-long message stays
 * in the box with an explanation instead of becoming a bubble the server refuses.
 */
export const MAX_MESSAGE_CHARS = 100_000;

const number = new Intl.NumberFormat('en-US');

/** Why `text` cannot be sent as it is, or null when it can. */
export function messageTooLong(text: string): string | null {
  const length = text.trim().length;
  if (length <= MAX_MESSAGE_CHARS) return null;
  return `Too long to send: ${number.format(length)} characters, the limit is ${number.format(MAX_MESSAGE_CHARS)} (${number.format(length - MAX_MESSAGE_CHARS)} over).`;
}
