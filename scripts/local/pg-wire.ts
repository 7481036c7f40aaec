/**
 * Just enough of the PostgreSQL frontend/backend protocol (v3) to serve the embedded database:
 * splitting a client byte stream into messages and writing the few server messages we synthesise.
 * Pure functions over bytes; see https://www.postgresql.org/docs/current/protocol-message-formats.html
 */

export type FrontendMessage =
  | { kind: 'ssl-request' }
  | { kind: 'cancel-request' }
  | { kind: 'startup'; params: Record<string, string> }
  | { kind: 'typed'; type: string; bytes: Uint8Array }
  /** A length field shorter than its own header: nothing after it can be framed. */
  | { kind: 'malformed' };

const SSL_REQUEST_CODE = 80877103;
const GSSENC_REQUEST_CODE = 80877104;
const CANCEL_REQUEST_CODE = 80877102;

/**
 * Splits complete messages off the front of `buffer`. Before startup, messages carry no type byte.
 * Returns the messages and the unconsumed tail (an incomplete message still arriving).
 */
export function splitFrontendMessages(
  buffer: Uint8Array,
  startupDone: boolean,
): { messages: FrontendMessage[]; rest: Uint8Array; startupDone: boolean } {
  const messages: FrontendMessage[] = [];
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let offset = 0;
  let started = startupDone;
  while (true) {
    if (!started) {
      if (buffer.length - offset < 8) break;
      const length = view.getInt32(offset);
      // A length shorter than its own header would never advance `offset`: report it, do not spin.
      if (length < 8) {
        messages.push({ kind: 'malformed' });
        break;
      }
      if (buffer.length - offset < length) break;
      const code = view.getInt32(offset + 4);
      if (code === SSL_REQUEST_CODE || code === GSSENC_REQUEST_CODE) {
        messages.push({ kind: 'ssl-request' });
      } else if (code === CANCEL_REQUEST_CODE) {
        messages.push({ kind: 'cancel-request' });
      } else {
        messages.push({
          kind: 'startup',
          params: parseStartupParams(buffer.subarray(offset + 8, offset + length)),
        });
        started = true;
      }
      offset += length;
      continue;
    }
    if (buffer.length - offset < 5) break;
    const length = view.getInt32(offset + 1);
    if (length < 4) {
      messages.push({ kind: 'malformed' });
      break;
    }
    if (buffer.length - offset < 1 + length) break;
    messages.push({
      kind: 'typed',
      type: String.fromCharCode(buffer[offset] ?? 0),
      bytes: buffer.slice(offset, offset + 1 + length),
    });
    offset += 1 + length;
  }
  return { messages, rest: buffer.slice(offset), startupDone: started };
}

function parseStartupParams(bytes: Uint8Array): Record<string, string> {
  const parts = new TextDecoder().decode(bytes).split('\0');
  const params: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const key = parts[i];
    if (key) params[key] = parts[i + 1] ?? '';
  }
  return params;
}

/**
 * The transaction status of the last ReadyForQuery ('Z') in a backend response:
 * 'I' idle, 'T' in a transaction, 'E' in a failed transaction; undefined when there is none.
 */
export function lastReadyStatus(response: Uint8Array): 'I' | 'T' | 'E' | undefined {
  const view = new DataView(response.buffer, response.byteOffset, response.byteLength);
  let status: 'I' | 'T' | 'E' | undefined;
  let offset = 0;
  while (offset + 5 <= response.length) {
    const length = view.getInt32(offset + 1);
    if (response[offset] === 0x5a && length === 5) {
      const s = String.fromCharCode(response[offset + 5] ?? 0);
      if (s === 'I' || s === 'T' || s === 'E') status = s;
    }
    offset += 1 + length;
  }
  return status;
}

/** A typed protocol message (either direction): type byte, int32 length (including itself), body. */
export function typedMessage(type: string, body: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(5 + body.length);
  out[0] = type.charCodeAt(0);
  new DataView(out.buffer).setInt32(1, 4 + body.length);
  out.set(body, 5);
  return out;
}

const encoder = new TextEncoder();
const cstring = (s: string) => encoder.encode(`${s}\0`);

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** AuthenticationOk, ParameterStatus for each parameter, BackendKeyData and ReadyForQuery(idle). */
export function startupResponse(parameters: Record<string, string>, backendPid: number): Uint8Array {
  const authOk = typedMessage('R', new Uint8Array(4));
  const statuses = Object.entries(parameters).map(([k, v]) =>
    typedMessage('S', concatBytes([cstring(k), cstring(v)])),
  );
  const keyData = new Uint8Array(8);
  new DataView(keyData.buffer).setInt32(0, backendPid);
  new DataView(keyData.buffer).setInt32(4, Math.floor(Math.random() * 0x7fffffff));
  return concatBytes([authOk, ...statuses, typedMessage('K', keyData), readyForQuery('I')]);
}

export function readyForQuery(status: 'I' | 'T' | 'E'): Uint8Array {
  return typedMessage('Z', encoder.encode(status));
}

/** An ErrorResponse with severity, SQLSTATE code and message. */
export function errorResponse(severity: 'ERROR' | 'FATAL', code: string, message: string): Uint8Array {
  return typedMessage(
    'E',
    concatBytes([
      encoder.encode('S'),
      cstring(severity),
      encoder.encode('V'),
      cstring(severity),
      encoder.encode('C'),
      cstring(code),
      encoder.encode('M'),
      cstring(message),
      new Uint8Array([0]),
    ]),
  );
}

/** A simple Query ('Q') message, used to roll back a transaction left open by a dropped client. */
export function simpleQuery(sql: string): Uint8Array {
  return typedMessage('Q', cstring(sql));
}
