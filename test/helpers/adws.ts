/** Shortcuts for workflow tests: start one over REST, read it, wait on the stream for its end. */
import type { WireEvent } from '../../src/events/types.ts';
import type { AdwJson } from '../../src/workflows/adw-json.ts';
import { call } from './api.ts';
import { type EmulatorStep, scriptModel, waitForModelRequests } from './emulator.ts';
import type { StreamClient } from './stream.ts';

export async function startAdw(
  orchestratorId: string,
  body: { workflow_type: string; prompt: string; name: string },
): Promise<AdwJson> {
  const response = await call(`/api/orchestrators/${orchestratorId}/adws`, { method: 'POST', json: body });
  if (response.status !== 201) throw new Error(`start failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as AdwJson;
}

export async function getAdw(adwId: string): Promise<AdwJson> {
  const response = await call(`/api/adws/${adwId}`);
  if (response.status !== 200) throw new Error(`get failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as AdwJson;
}

const FINAL = new Set(['completed', 'failed', 'cancelled']);

/** Resolves with the workflow's final adw_status event. */
export function adwFinished(stream: StreamClient, adwId: string): Promise<WireEvent> {
  return stream.waitFor(
    (e) => e.type === 'adw_status' && e.data.adw_id === adwId && FINAL.has(String(e.data.status)),
    `workflow ${adwId} to finish`,
  );
}

export function stepChanges(stream: StreamClient, adwId: string): Array<[string, string, string]> {
  return stream.events
    .filter((e) => e.type === 'adw_step_change' && e.data.adw_id === adwId)
    .map((e) => [String(e.data.step), String(e.data.change), String(e.data.status)]);
}

/** The emulator scope of a step agent: `<orchestrator>:<step>-<first 8 of the workflow id>`. */
export function stepScope(orchestratorId: string, step: string, adwId: string): string {
  return `${orchestratorId}:${step}-${adwId.slice(0, 8)}`;
}

export const write = (path: string, content: string) => ({ name: 'write_file', input: { path, content } });

/**
 * Scripts a step whose report path holds the timestamp fixed when the step started: its first answer
 * (a harmless list_files) waits while this reads the path from the prompt the model received, then
 * the rest of the script, made with that path, is queued behind it.
 */
export async function scriptWithReportPath(
  scope: string,
  pattern: RegExp,
  rest: (path: string) => EmulatorStep[],
): Promise<string> {
  await scriptModel(scope, [{ tool_uses: [{ name: 'list_files', input: {} }], delay_ms: 1_500 }]);
  const [first] = await waitForModelRequests(scope, 1);
  const path = first ? pattern.exec(JSON.stringify(first.body))?.[0] : undefined;
  if (!path) throw new Error(`no request with ${pattern} for ${scope}`);
  await scriptModel(scope, rest(path));
  return path;
}

export const REVIEW_PATH = /app_review\/review_\d{8}_\d{6}_[0-9a-f]{8}\.md/;
export const FIX_PATH = /app_fix_reports\/fix_\d{8}_\d{6}_[0-9a-f]{8}\.md/;
