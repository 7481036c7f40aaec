/** A typed client for the emulator's control API; plain `fetch`, so it works in Node and in workerd. */
import type { EmulatorStep, RecordedRequest } from './steps.ts';

export interface EmulatorControl {
  /** Appends steps to the scope's queue: each answers one model request, in order. */
  script(scope: string, steps: EmulatorStep[]): Promise<void>;
  /** What the scope's model requests carried, oldest first, and how many steps are still queued. */
  requests(scope: string): Promise<{ requests: RecordedRequest[]; pending_steps: number }>;
  /** Forgets the scope's steps and requests (every scope's when none is given). */
  reset(scope?: string): Promise<void>;
}

export function emulatorControl(baseUrl: string): EmulatorControl {
  const call = async (path: string, init?: RequestInit): Promise<unknown> => {
    const response = await fetch(`${baseUrl}/__emulator/${path}`, init);
    const body: unknown = await response.json();
    if (!response.ok) throw new Error(`emulator ${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
  const post = (path: string, body: unknown) =>
    call(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return {
    async script(scope, steps) {
      await post('script', { scope, steps });
    },
    async requests(scope) {
      // The emulator's own response shape; this is its typed view.
      return (await call(`requests?scope=${encodeURIComponent(scope)}`)) as {
        requests: RecordedRequest[];
        pending_steps: number;
      };
    },
    async reset(scope) {
      await post('reset', scope === undefined ? {} : { scope });
    },
  };
}
