/**
 * The console's debug hook for tests and benchmarks (`window.__console`, see the UI contract): what the
 * client's store holds, read from inside the page.
 */
import type { Page } from 'playwright-core';

export interface ConsoleHook {
  eventCount(): number;
  distinctSeqCount(): number;
  lastSeq(): number;
  connectionState(): string;
  injectEvents(events: unknown[]): void;
}

export interface ConsoleState {
  eventCount: number;
  distinctSeqCount: number;
  lastSeq: number;
  connectionState: string;
}

/** The page's global object, typed with the hook (the project's TypeScript has no DOM library). */
export type WithHook = { __console?: ConsoleHook };

export function consoleState(page: Page): Promise<ConsoleState | undefined> {
  return page.evaluate(() => {
    const hook = (globalThis as unknown as WithHook).__console;
    if (!hook) return undefined;
    return {
      eventCount: hook.eventCount(),
      distinctSeqCount: hook.distinctSeqCount(),
      lastSeq: hook.lastSeq(),
      connectionState: hook.connectionState(),
    };
  });
}
