import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readCrons, startCronDriver } from './cron-driver.ts';

describe('readCrons', () => {
  it("reads the triggers' crons of a wrangler.toml", () => {
    const toml = '[triggers]\ncrons = ["*/5 * * * *", "0 13 * * 1-5"]\n\n[vars]\nX = "1"\n';
    expect(readCrons(toml)).toEqual(['*/5 * * * *', '0 13 * * 1-5']);
  });

  it('finds none when there are none', () => {
    expect(readCrons('name = "w"\n')).toEqual([]);
  });
});

describe('startCronDriver', () => {
  it("calls the Worker's cron test endpoint with the cron", async () => {
    const calls: URL[] = [];
    let called: () => void = () => {};
    const firstCall = new Promise<void>((resolve) => {
      called = resolve;
    });
    const server = createServer((request, response) => {
      calls.push(new URL(request.url ?? '/', 'http://localhost'));
      response.end('ok');
      called();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // Six fields: every second, so the test waits about one second for the first call.
    const driver = startCronDriver({
      baseUrl: `http://127.0.0.1:${port}`,
      crons: ['* * * * * *'],
      log: () => {},
    });
    try {
      await firstCall;
    } finally {
      await driver.stop();
      await new Promise((resolve) => server.close(resolve));
    }
    const [first] = calls;
    expect(first?.pathname).toBe('/__scheduled');
    expect(first?.searchParams.get('cron')).toBe('* * * * * *');
  });

  it('says so when the Worker refuses the event, and keeps firing', async () => {
    const messages: string[] = [];
    let refused = 0;
    let secondRefusal: () => void = () => {};
    const twoRefusals = new Promise<void>((resolve) => {
      secondRefusal = resolve;
    });
    const server = createServer((_request, response) => {
      response.statusCode = 500;
      response.end('no');
      refused += 1;
      if (refused === 2) secondRefusal();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const driver = startCronDriver({
      baseUrl: `http://127.0.0.1:${port}`,
      crons: ['* * * * * *'],
      log: (message) => messages.push(message),
    });
    try {
      await twoRefusals;
    } finally {
      await driver.stop();
      await new Promise((resolve) => server.close(resolve));
    }
    expect(messages[0]).toBe('cron * * * * * *: the Worker answered 500');
  });
});
