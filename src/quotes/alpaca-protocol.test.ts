import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeAction, StreamProtocolError } from './alpaca-protocol.ts';

describe("Alpaca's stream protocol", () => {
  it('decodes the JSON stock stream: control messages and quotes', () => {
    expect(decodeFrame('[{"T":"success","msg":"connected"}]')).toEqual([
      { kind: 'success', msg: 'connected' },
    ]);
    expect(decodeFrame('[{"T":"error","code":402,"msg":"auth failed"}]')).toEqual([
      { kind: 'error', code: 402, msg: 'auth failed' },
    ]);
    expect(decodeFrame('[{"T":"subscription","trades":[],"quotes":["AAPL","SPY"],"bars":[]}]')).toEqual([
      { kind: 'subscription', quotes: ['AAPL', 'SPY'] },
    ]);
    const frame = JSON.stringify([
      {
        T: 'q',
        S: 'SPY',
        bx: 'V',
        bp: 600.12,
        bs: 3,
        ax: 'V',
        ap: 600.15,
        as: 2,
        c: ['R'],
        z: 'B',
        t: '2026-12-04T15:30:00.123456789Z',
      },
      { T: 't', S: 'SPY', p: 600.13, s: 100, t: '2026-12-04T15:30:00.2Z' },
    ]);
    expect(decodeFrame(frame)).toEqual([
      {
        kind: 'quote',
        quote: {
          symbol: 'SPY',
          bid: 600.12,
          ask: 600.15,
          bidSize: 3,
          askSize: 2,
          time: '2026-12-04T15:30:00.123456789Z',
        },
      },
      { kind: 'ignored', type: 't' },
    ]);
  });

  it('decodes the MessagePack option stream, its timestamps included', () => {
    const at = new Date('2026-12-04T15:30:00.250Z');
    const bytes = encode([
      {
        T: 'q',
        S: 'SPY261218C00600000',
        t: at,
        bx: 'C',
        bp: 9.46,
        bs: 53,
        ax: 'C',
        ap: 9.66,
        as: 38,
        c: 'A',
      },
    ]);
    // Binary frames arrive as an ArrayBuffer.
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    expect(decodeFrame(buffer as ArrayBuffer)).toEqual([
      {
        kind: 'quote',
        quote: {
          symbol: 'SPY261218C00600000',
          bid: 9.46,
          ask: 9.66,
          bidSize: 53,
          askSize: 38,
          time: '2026-12-04T15:30:00.250Z',
        },
      },
    ]);
    expect(decodeFrame(encode([{ T: 'success', msg: 'authenticated' }]))).toEqual([
      { kind: 'success', msg: 'authenticated' },
    ]);
  });

  it('encodes actions as JSON text or MessagePack', () => {
    const auth = { action: 'auth', key: 'PKTEST', secret: 'shh' } as const;
    expect(encodeAction(auth, 'json')).toBe('{"action":"auth","key":"PKTEST","secret":"shh"}');
    const packed = encodeAction({ action: 'subscribe', quotes: ['SPY261218C00600000'] }, 'msgpack');
    expect(packed).toBeInstanceOf(Uint8Array);
    expect(packed).toEqual(encode({ action: 'subscribe', quotes: ['SPY261218C00600000'] }));
  });

  it('refuses frames that are not the protocol', () => {
    expect(() => decodeFrame('{oops')).toThrow(StreamProtocolError);
    expect(() => decodeFrame('[{"S":"SPY"}]')).toThrow(/without a "T"/);
    expect(() => decodeFrame('[{"T":"q","S":"SPY","bp":"1"}]')).toThrow(/malformed "q"/);
    expect(() => decodeFrame(new Uint8Array([0xc1]))).toThrow(StreamProtocolError);
  });
});
