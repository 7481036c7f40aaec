/**
 * Faults a test scripts per API key, consumed by the first matching requests in order:
 * - `status`: answer with that status and Alpaca's error body (429 with a Retry-After header);
 * - `drop`: destroy the connection without an answer, before or after the request took effect
 *   (after: an order is placed, but the client never hears of it);
 * - `delay`: answer normally after `ms`.
 * Each fault applies `times` times (default 1).
 */

export type Fault =
  | {
      kind: 'status';
      status: number;
      message?: string;
      retry_after?: number;
      method?: string;
      path?: string;
      times?: number;
    }
  | { kind: 'drop'; after_effect?: boolean; method?: string; path?: string; times?: number }
  | { kind: 'delay'; ms: number; method?: string; path?: string; times?: number };

export function faultProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'a fault is an object';
  const fault = value as Record<string, unknown>;
  if (fault.kind === 'status' && typeof fault.status === 'number') return null;
  if (fault.kind === 'drop') return null;
  if (fault.kind === 'delay' && typeof fault.ms === 'number') return null;
  return `unknown fault ${JSON.stringify(value)}: expected {kind:"status",status} | {kind:"drop"} | {kind:"delay",ms}`;
}

/** Takes one use of the first fault matching the request, if any. */
export function takeFault(faults: Fault[], method: string, path: string): Fault | undefined {
  const index = faults.findIndex(
    (fault) => (!fault.method || fault.method === method) && (!fault.path || path.startsWith(fault.path)),
  );
  if (index < 0) return undefined;
  const fault = faults[index] as Fault;
  const times = (fault.times ?? 1) - 1;
  if (times <= 0) faults.splice(index, 1);
  else faults[index] = { ...fault, times };
  return fault;
}
