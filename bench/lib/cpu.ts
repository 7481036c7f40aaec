/**
 * Where the machine's CPU went during a measurement, from /proc (Linux): the whole machine's busy
 * time, and the time of named process trees (workerd, wrangler, this process, Postgres, …). A figure
 * near 1.0 core for a single-threaded process, or near the core count for the machine, says what
 * bounds a throughput. Read-only: nothing here signals or changes any process.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime + cutime + cstime: its own time and that of its exited, reaped children. */
  ticks: number;
}

/** A group is its root processes and all their descendants, less the subtrees of `excluding`. */
export interface CpuGroup {
  roots: number[];
  excluding?: number[];
}

export type CpuGroups = Record<string, CpuGroup>;

export interface CpuSnapshot {
  atMs: number;
  machineBusy: number;
  machineTotal: number;
  groups: Record<string, number>;
}

export interface CpuUsage {
  seconds: number;
  /** Cores busy on average (0 … core count), machine-wide and per group. */
  machineCores: number;
  groupCores: Record<string, number>;
  /** 1-minute load average when the measurement ended. */
  loadAverage: number;
}

const ticksPerSecond = clockTicks();

/** Takes a snapshot of the machine's and each group's CPU time so far. */
export function cpuSnapshot(groups: CpuGroups): CpuSnapshot {
  const processes = readProcesses();
  const children = new Map<number, ProcStat[]>();
  for (const proc of processes.values()) {
    const siblings = children.get(proc.ppid) ?? [];
    siblings.push(proc);
    children.set(proc.ppid, siblings);
  }
  const totals: Record<string, number> = {};
  for (const [group, { roots, excluding = [] }] of Object.entries(groups)) {
    let ticks = 0;
    const stack = roots.map((pid) => processes.get(pid)).filter((p): p is ProcStat => p !== undefined);
    const seen = new Set<number>(excluding);
    for (let next = stack.pop(); next; next = stack.pop()) {
      if (seen.has(next.pid)) continue;
      seen.add(next.pid);
      ticks += next.ticks;
      stack.push(...(children.get(next.pid) ?? []));
    }
    totals[group] = ticks;
  }
  const [busy, total] = machineTicks();
  return { atMs: performance.now(), machineBusy: busy, machineTotal: total, groups: totals };
}

export function cpuUsage(before: CpuSnapshot, after: CpuSnapshot): CpuUsage {
  const seconds = (after.atMs - before.atMs) / 1_000;
  const cores = (ticks: number): number => ticks / ticksPerSecond / seconds;
  const groupCores: Record<string, number> = {};
  for (const [group, ticks] of Object.entries(after.groups)) {
    groupCores[group] = cores(ticks - (before.groups[group] ?? 0));
  }
  return {
    seconds,
    machineCores: cores(after.machineBusy - before.machineBusy),
    groupCores,
    loadAverage: loadAverage(),
  };
}

/** The PostgreSQL server's postmaster on this machine (its backends are its children), if any. */
export function postmasterPid(): number | undefined {
  const processes = readProcesses();
  for (const proc of processes.values()) {
    if (proc.comm === 'postgres' && processes.get(proc.ppid)?.comm !== 'postgres') return proc.pid;
  }
  return undefined;
}

/** The two workerd processes of a `wrangler dev`: the one running the Worker, and its proxy. */
export function wranglerWorkerds(wranglerPid: number, port: number): { worker?: number; proxy?: number } {
  const processes = readProcesses();
  const found: { worker?: number; proxy?: number } = {};
  for (const proc of processes.values()) {
    if (proc.comm !== 'workerd' || !descendsFrom(processes, proc.pid, wranglerPid)) continue;
    let commandLine = '';
    try {
      commandLine = readFileSync(`/proc/${proc.pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    // The proxy listens on the public port; the Worker's own instance on an ephemeral one.
    if (commandLine.includes(`entry=127.0.0.1:${port}`)) found.proxy = proc.pid;
    else found.worker = proc.pid;
  }
  return found;
}

function descendsFrom(processes: Map<number, ProcStat>, pid: number, ancestor: number): boolean {
  for (let current = processes.get(pid); current; current = processes.get(current.ppid)) {
    if (current.pid === ancestor) return true;
    if (current.ppid === current.pid || current.ppid === 0) return false;
  }
  return false;
}

export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

function readProcesses(): Map<number, ProcStat> {
  const processes = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // comm is in parentheses and may contain spaces; the fields after it are space-separated.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // Fields from `state` (3rd in proc(5)): ppid is 4th, utime..cstime are 14th..17th.
      const field = (n: number): number => Number(fields[n - 3]);
      processes.set(Number(entry), {
        pid: Number(entry),
        ppid: field(4),
        comm,
        ticks: field(14) + field(15) + field(16) + field(17),
      });
    } catch {
      // The process exited while we read.
    }
  }
  return processes;
}

/** Busy and total ticks of all cores (idle and iowait are not busy). */
function machineTicks(): [number, number] {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return [total - idle, total];
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/**
 * The processes of a benchmark on the local stack, as CPU groups: the Worker's workerd (the Worker
 * and its Durable Objects: one JavaScript thread), wrangler's proxy workerd, wrangler's own Node
 * process, this process (relay, emulator, measuring client) and PostgreSQL (every backend, so other
 * databases' work too). `extra` adds groups and keeps them out of this process's group.
 */
export function stackCpuGroups(
  stack: { wranglerPid: number; baseUrl: string },
  extra: CpuGroups = {},
): CpuGroups {
  const { worker, proxy } = wranglerWorkerds(stack.wranglerPid, Number(new URL(stack.baseUrl).port));
  const workerds = [worker, proxy].filter((pid): pid is number => pid !== undefined);
  const extraRoots = Object.values(extra).flatMap((group) => group.roots);
  const postgres = postmasterPid();
  return {
    ...(worker ? { 'workerd: Worker + Durable Object': { roots: [worker] } } : {}),
    ...(proxy ? { 'workerd: wrangler proxy': { roots: [proxy] } } : {}),
    'wrangler (node)': { roots: [stack.wranglerPid], excluding: workerds },
    ...extra,
    'bench process (relay, emulator, driver)': {
      roots: [process.pid],
      excluding: [stack.wranglerPid, ...extraRoots],
    },
    ...(postgres ? { 'postgres (all backends)': { roots: [postgres] } } : {}),
  };
}

/** CPU use as table rows: cores busy per group, then the machine, then what is not ours. */
export function cpuRows(usage: CpuUsage): string[][] {
  const ours = Object.values(usage.groupCores).reduce((sum, cores) => sum + cores, 0);
  return [
    ...Object.entries(usage.groupCores).map(([group, cores]) => [group, cores.toFixed(2)]),
    ['everything else on the machine', Math.max(0, usage.machineCores - ours).toFixed(2)],
    [`machine (${cpuCount()} cores)`, usage.machineCores.toFixed(2)],
  ];
}

export function cpuCount(): number {
  return availableParallelism();
}
