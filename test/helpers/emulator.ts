/**
 * Scripting the model from Worker tests: the `workers` project's Worker talks to the Messages API
 * emulator (test/emulator), whose answers are queued per scope, the `metadata.user_id` the agent
 * runtime sends (the orchestrator id). Use a fresh scope per test; tests run in parallel.
 */
import { inject } from 'vitest';
import { emulatorControl } from '../emulator/control.ts';
import type { EmulatorStep, RecordedRequest } from '../emulator/steps.ts';
import { until } from './wait.ts';

export type { EmulatorStep, RecordedRequest };

const control = () => emulatorControl(inject('anthropicBaseUrl'));

/** Queues model responses for the scope, one per model request, in order. */
export function scriptModel(scope: string, steps: EmulatorStep[]): Promise<void> {
  return control().script(scope, steps);
}

/** The model requests the scope made, oldest first (bodies and headers, no credentials). */
export async function modelRequests(scope: string): Promise<RecordedRequest[]> {
  return (await control().requests(scope)).requests;
}

/** Resolves once the scope has made at least `count` model requests; returns them. */
export function waitForModelRequests(scope: string, count: number): Promise<RecordedRequest[]> {
  return until(async () => {
    const requests = await modelRequests(scope);
    return requests.length >= count && requests;
  }, `${count} model request(s) for ${scope}`);
}

/** How many scripted responses the scope has not consumed yet. */
export async function pendingModelSteps(scope: string): Promise<number> {
  return (await control().requests(scope)).pending_steps;
}
