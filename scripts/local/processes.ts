/**
 * The machine's processes as Linux's /proc lists them (zombies included): enough to tell which
 * processes a command started and whether any of them is still there.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessEntry {
  pid: number;
  ppid: number;
  /** Process group id. */
  pgid: number;
  /** The executable's name, as the kernel keeps it (at most 15 characters). */
  comm: string;
  /** `Z` for a zombie (exited, not yet reaped by its parent). */
  state: string;
  /** Start time in clock ticks since boot: with `pid`, names one process even after pid reuse. */
  startTime: number;
}

export function listProcesses(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // gone while listing
    }
    const entry = parseStat(stat);
    if (entry) entries.push(entry);
  }
  return entries;
}

/** `/proc/<pid>/stat`: "pid (comm) state ppid pgrp … starttime …"; comm may hold spaces and ')'. */
export function parseStat(stat: string): ProcessEntry | undefined {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const rest = stat
    .slice(close + 2)
    .trim()
    .split(' ');
  // After comm: state(3) ppid(4) pgrp(5) … starttime(22); rest[0] is field 3.
  const field = (n: number): number => Number(rest[n - 3]);
  return {
    pid: Number(stat.slice(0, open).trim()),
    comm: stat.slice(open + 1, close),
    state: rest[0] ?? '',
    ppid: field(4),
    pgid: field(5),
    startTime: field(22),
  };
}

/** `root` and every process below it, as the table shows them now. */
export function descendants(processes: ProcessEntry[], root: number): ProcessEntry[] {
  const found = processes.filter((entry) => entry.pid === root);
  for (let i = 0; i < found.length; i++) {
    const parent = found[i]?.pid;
    found.push(...processes.filter((entry) => entry.ppid === parent && entry.pid !== root));
  }
  return found;
}
