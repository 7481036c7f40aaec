/** A started emulator, its control client and the real Anthropic SDK pointed at it, for Node tests. */
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll } from 'vitest';
import { type EmulatorControl, emulatorControl } from './control.ts';
import { type Emulator, startEmulator } from './server.ts';

export interface EmulatorFixture {
  readonly emulator: Emulator;
  readonly control: EmulatorControl;
  readonly client: Anthropic;
}

/** Starts the emulator before the file's tests and stops it after; read the fields inside tests. */
export function useEmulator(): EmulatorFixture {
  const fixture = {} as { emulator: Emulator; control: EmulatorControl; client: Anthropic };
  beforeAll(async () => {
    fixture.emulator = await startEmulator();
    fixture.control = emulatorControl(fixture.emulator.url);
    fixture.client = new Anthropic({ apiKey: 'test-key', baseURL: fixture.emulator.url, maxRetries: 0 });
  });
  afterAll(() => fixture.emulator.close());
  return fixture;
}

/** The smallest request, scripted under `scope`. */
export const requestParams = (scope: string) => ({
  model: 'claude-sonnet-5',
  max_tokens: 512,
  metadata: { user_id: scope },
  messages: [{ role: 'user' as const, content: 'hello' }],
});
