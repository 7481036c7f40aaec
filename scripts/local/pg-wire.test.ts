import { describe, expect, it } from 'vitest';
import {
  concatBytes,
  errorResponse,
  type FrontendMessage,
  lastReadyStatus,
  readyForQuery,
  simpleQuery,
  splitFrontendMessages,
  startupResponse,
  typedMessage,
} from './pg-wire.ts';

const encoder = new TextEncoder();

/** An untyped pre-startup message: int32 length (including itself), int32 code, body. */
function untyped(code: number, body: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(8 + body.length);
  const view = new DataView(out.buffer);
  view.setInt32(0, out.length);
  view.setInt32(4, code);
  out.set(body, 8);
  return out;
}

const PROTOCOL_3 = 196608;
const startup = untyped(PROTOCOL_3, encoder.encode('user\0postgres\0database\0app\0\0'));
const sslRequest = untyped(80877103);
const gssRequest = untyped(80877104);
const cancelRequest = untyped(80877102, new Uint8Array(8));
const parse = typedMessage('P', encoder.encode('\0select 1\0\0\0'));
const sync = typedMessage('S');
const query = simpleQuery('select 42');

/** Feeds `chunks` one at a time, as a session does, collecting every message split off. */
function feed(chunks: Uint8Array[]): { messages: FrontendMessage[]; rest: Uint8Array; startupDone: boolean } {
  let buffer: Uint8Array = new Uint8Array(0);
  let startupDone = false;
  const messages: FrontendMessage[] = [];
  for (const chunk of chunks) {
    const split = splitFrontendMessages(concatBytes([buffer, chunk]), startupDone);
    messages.push(...split.messages);
    buffer = split.rest;
    startupDone = split.startupDone;
  }
  return { messages, rest: buffer, startupDone };
}

const describeMessage = (m: FrontendMessage): string => (m.kind === 'typed' ? `typed:${m.type}` : m.kind);

describe('splitFrontendMessages', () => {
  const all = concatBytes([startup, parse, sync, query]);
  const cases: Array<{ name: string; chunks: Uint8Array[]; expected: string[]; startupDone: boolean }> = [
    {
      name: 'one chunk',
      chunks: [all],
      expected: ['startup', 'typed:P', 'typed:S', 'typed:Q'],
      startupDone: true,
    },
    {
      name: 'startup split mid-length, then typed messages',
      chunks: [
        startup.subarray(0, 3),
        concatBytes([startup.subarray(3), parse.subarray(0, 2)]),
        parse.subarray(2),
      ],
      expected: ['startup', 'typed:P'],
      startupDone: true,
    },
    {
      name: 'a typed message in three pieces',
      chunks: [startup, parse.subarray(0, 1), parse.subarray(1, 7), concatBytes([parse.subarray(7), sync])],
      expected: ['startup', 'typed:P', 'typed:S'],
      startupDone: true,
    },
    {
      name: 'byte by byte',
      chunks: Array.from(all, (b) => new Uint8Array([b])),
      expected: ['startup', 'typed:P', 'typed:S', 'typed:Q'],
      startupDone: true,
    },
    {
      name: 'SSL request before startup',
      chunks: [sslRequest, startup, sync],
      expected: ['ssl-request', 'startup', 'typed:S'],
      startupDone: true,
    },
    {
      name: 'GSSENC request counts as SSL',
      chunks: [gssRequest],
      expected: ['ssl-request'],
      startupDone: false,
    },
    { name: 'cancel request', chunks: [cancelRequest], expected: ['cancel-request'], startupDone: false },
    { name: 'incomplete startup', chunks: [startup.subarray(0, 10)], expected: [], startupDone: false },
  ];

  it.each(cases)('$name', ({ chunks, expected, startupDone }) => {
    const result = feed(chunks);
    expect(result.messages.map(describeMessage)).toEqual(expected);
    expect(result.startupDone).toBe(startupDone);
  });

  it('parses startup parameters and keeps typed messages byte-exact', () => {
    const { messages, rest } = feed([startup, parse.subarray(0, 4), parse.subarray(4)]);
    expect(messages[0]).toEqual({ kind: 'startup', params: { user: 'postgres', database: 'app' } });
    const typed = messages[1];
    expect(typed?.kind === 'typed' ? Array.from(typed.bytes) : undefined).toEqual(Array.from(parse));
    expect(rest.length).toBe(0);
  });

  // Lengths shorter than the header never advance the parser: it must report them, not spin forever.
  it.each([
    { name: 'SSL code with length 0', bytes: [0, 0, 0, 0, 0x04, 0xd2, 0x16, 0x2f], startupDone: false },
    { name: 'startup with length 4', bytes: [0, 0, 0, 4, 0, 3, 0, 0], startupDone: false },
    { name: 'typed with length -1', bytes: [0x51, 0xff, 0xff, 0xff, 0xff, 0], startupDone: true },
    { name: 'typed with length 2', bytes: [0x51, 0, 0, 0, 2, 0], startupDone: true },
  ])('reports a malformed length and stops: $name', ({ bytes, startupDone }) => {
    const input = concatBytes([startupDone ? sync : sslRequest, new Uint8Array(bytes)]);
    const result = splitFrontendMessages(input, startupDone);
    expect(result.messages.map(describeMessage)).toEqual([
      startupDone ? 'typed:S' : 'ssl-request',
      'malformed',
    ]);
    expect(Array.from(result.rest)).toEqual(bytes);
  });

  it('returns the incomplete tail as rest', () => {
    const result = splitFrontendMessages(concatBytes([sync, query.subarray(0, 6)]), true);
    expect(result.messages.map(describeMessage)).toEqual(['typed:S']);
    expect(Array.from(result.rest)).toEqual(Array.from(query.subarray(0, 6)));
  });

  it('works on a view into a larger buffer', () => {
    const backing = concatBytes([new Uint8Array(3), sync, new Uint8Array(2)]);
    const result = splitFrontendMessages(backing.subarray(3, 3 + sync.length), true);
    expect(result.messages.map(describeMessage)).toEqual(['typed:S']);
  });
});

describe('lastReadyStatus', () => {
  const row = typedMessage('D', new Uint8Array([0, 1, 0, 0, 0, 1, 0x31]));
  const complete = typedMessage('C', encoder.encode('SELECT 1\0'));
  const error = errorResponse('ERROR', '42P01', 'relation "x" does not exist');
  const cases: Array<{ name: string; response: Uint8Array; expected: 'I' | 'T' | 'E' | undefined }> = [
    { name: 'no messages', response: new Uint8Array(0), expected: undefined },
    { name: 'no ReadyForQuery', response: concatBytes([row, complete]), expected: undefined },
    { name: 'single idle', response: concatBytes([row, complete, readyForQuery('I')]), expected: 'I' },
    {
      name: 'last of several: I then T',
      response: concatBytes([readyForQuery('I'), complete, readyForQuery('T')]),
      expected: 'T',
    },
    {
      name: 'last of several: T then E then I',
      response: concatBytes([readyForQuery('T'), error, readyForQuery('E'), complete, readyForQuery('I')]),
      expected: 'I',
    },
    { name: 'failed transaction', response: concatBytes([error, readyForQuery('E')]), expected: 'E' },
    {
      name: 'a Z-typed message of the wrong length',
      response: typedMessage('Z', encoder.encode('IT')),
      expected: undefined,
    },
    { name: 'after a startup response', response: startupResponse({ TimeZone: 'UTC' }, 7), expected: 'I' },
  ];

  it.each(cases)('$name', ({ response, expected }) => {
    expect(lastReadyStatus(response)).toBe(expected);
  });
});

describe('message framing', () => {
  const int32At = (bytes: Uint8Array, offset: number) =>
    new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(offset);

  it.each([
    { type: 'S', body: new Uint8Array(0) },
    { type: 'Q', body: encoder.encode('select 1\0') },
    { type: 'D', body: new Uint8Array(300) },
  ])('typedMessage($type) frames a $body.length-byte body', ({ type, body }) => {
    const message = typedMessage(type, body);
    expect(message.length).toBe(5 + body.length);
    expect(String.fromCharCode(message[0] ?? 0)).toBe(type);
    expect(int32At(message, 1)).toBe(4 + body.length);
    expect(Array.from(message.subarray(5))).toEqual(Array.from(body));
  });

  it('errorResponse carries severity, code and message as NUL-terminated fields', () => {
    const message = errorResponse('FATAL', '57P03', 'embedded database: busy');
    expect(String.fromCharCode(message[0] ?? 0)).toBe('E');
    expect(int32At(message, 1)).toBe(message.length - 1);
    const fields = new TextDecoder().decode(message.subarray(5));
    expect(fields).toBe('SFATAL\0VFATAL\0C57P03\0Membedded database: busy\0\0');
  });

  it('startupResponse is AuthenticationOk, ParameterStatus, BackendKeyData and ReadyForQuery', () => {
    const response = startupResponse({ server_version: '17.0', TimeZone: 'UTC' }, 1234);
    const { messages } = splitFrontendMessages(response, true);
    expect(messages.map(describeMessage)).toEqual(['typed:R', 'typed:S', 'typed:S', 'typed:K', 'typed:Z']);
    const keyData = messages[3];
    expect(keyData?.kind === 'typed' ? int32At(keyData.bytes, 5) : undefined).toBe(1234);
  });
});
