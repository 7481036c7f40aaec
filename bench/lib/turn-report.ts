/**
 * The turn-overhead report: per-request figures against the POST baseline, where the time of a turn
 * goes (stretches between its events), PostgreSQL work per request, the target, and the JSON result.
 */
import { type CpuUsage, cpuRows } from './cpu.ts';
import { formatRatio, formatTable } from './format.ts';
import type { PgActivity } from './pg-activity.ts';
import { writeResult } from './results.ts';
import { pgliteNote, type Stack } from './stack.ts';
import { percentile } from './timing.ts';
import { type PhaseSummary, summarizePhases } from './turn-phases.ts';
import type { TurnTiming } from './turn-runner.ts';

export const TARGET_P50_MS = 5;

export interface Sample {
  /** The figure measured: a request's round trip, or a turn's time less the model's. */
  ms: number;
  turn?: TurnTiming;
}

export interface Variant {
  name: string;
  modelCalls: number;
  measure(): Promise<Sample>;
}

export interface TurnReportInput {
  stack: Stack;
  /** The POST baseline first. */
  variants: Variant[];
  samples: Map<Variant, Sample[]>;
  counted: Map<Variant, PgActivity> | undefined;
  reconnects: number;
  /** CPU use during the timed rounds, and the 1-minute load average before them. */
  cpu: CpuUsage;
  loadBefore: number;
  settings: Record<string, number>;
}

interface Figures {
  name: string;
  modelCalls: number;
  samples: number;
  p50: number;
  p99: number;
  mean: number;
}

const ms = (value: number): string => value.toFixed(2);

export async function reportTurnOverhead(input: TurnReportInput): Promise<void> {
  const { stack, variants, samples, counted } = input;
  const all = variants.map((variant) => {
    const list = samples.get(variant) ?? [];
    const turns = list.map((s) => s.turn).filter((turn): turn is TurnTiming => turn !== undefined);
    return {
      variant,
      figures: figures(
        variant,
        list.map((s) => s.ms),
      ),
      turn: turns.length > 0 ? turnFigures(turns) : undefined,
      phases: turns.length > 0 ? summarizePhases(turns) : undefined,
      pg: counted?.get(variant),
    };
  });
  const baseline = all[0]?.figures;
  if (!baseline) throw new Error('no baseline measured');

  console.log(
    "\nPer request, ms. A turn: POST sent → turn_completed received, less the emulator's answering time.",
  );
  const rows = all.map(({ figures: f, turn }) => [
    f.name,
    String(f.samples),
    ms(f.p50),
    ms(f.p99),
    ms(f.mean),
    turn ? ms(turn.wallP50) : '–',
    turn ? ms(turn.emulatorP50) : '–',
    turn ? ms(turn.withoutDoModelP50) : '–',
    turn ? `${ms(turn.firstHalfP50)} → ${ms(turn.secondHalfP50)}` : '–',
    formatRatio(f.p50 / baseline.p50),
  ]);
  console.log(
    formatTable(
      [
        'scenario',
        'n',
        'p50',
        'p99',
        'mean',
        'wall p50',
        'model p50',
        'p50 excl. DO model',
        'p50 1st → 2nd half',
        'p50 / POST',
      ],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  console.log(
    '  model = the emulator\'s own time answering; "excl. DO model" subtracts instead the model calls\' ' +
      'duration as the\n  Durable Object saw it (SDK, fetch and stream parsing included); ' +
      '"1st → 2nd half": ' +
      'the conversation grows each turn.',
  );
  for (const { variant, phases } of all) if (phases) printPhases(variant.name, phases);
  console.log(
    `\nCPU during the timed rounds (${input.cpu.seconds.toFixed(1)} s; cores busy on average; ` +
      `load average ${input.loadBefore.toFixed(2)} before, ${input.cpu.loadAverage.toFixed(2)} after):`,
  );
  console.log(formatTable(['process', 'cores'], cpuRows(input.cpu), ['left', 'right']));
  if (counted) printPgWork(all);
  if (input.reconnects > 0) {
    console.log(
      `\nNote: the event socket was reopened ${input.reconnects} time(s) after an idle object's eviction.`,
    );
  }

  const turns = all.filter((entry) => entry.turn);
  const text = turns.find((entry) => entry.variant.modelCalls === 1)?.figures;
  const pass = text !== undefined && text.p50 <= TARGET_P50_MS;
  console.log('\nTarget (from the issue):');
  const others = turns
    .filter((entry) => entry.variant.modelCalls > 1)
    .map((entry) => `; ${ms(entry.figures.p50)} ms ${entry.variant.name.replace(/^turn: /, '')}`);
  console.log(
    `  [${pass ? 'PASS' : 'MISS'}] p50 ≤ ${TARGET_P50_MS} ms per turn excluding model time: ` +
      `${text ? ms(text.p50) : '?'} ms text answer${others.join('')}`,
  );
  pgliteNote(stack);
  const problems = stack.problems();
  if (problems.length > 0) {
    console.log(
      `\nwrangler reported (${problems.length} lines, first 10):\n  ${problems.slice(0, 10).join('\n  ')}`,
    );
  }
  const path = await writeResult('turn-overhead', {
    scenario: 'turn-overhead',
    measuredAt: new Date().toISOString(),
    database: stack.databaseDescription,
    code: stack.code,
    settings: input.settings,
    variants: all.map(({ figures: f, turn, phases, pg }) => ({
      ...f,
      ratioToPostBaselineP50: f.p50 / baseline.p50,
      turn,
      phases,
      pgPerRequest: pg,
    })),
    reconnects: input.reconnects,
    cpu: input.cpu,
    loadAverageBefore: input.loadBefore,
    target: { p50Ms: TARGET_P50_MS, measuredP50Ms: text?.p50, pass },
    wranglerProblems: problems,
  });
  console.log(`\nResult written to ${path}`);
}

function figures(variant: Variant, values: number[]): Figures {
  return {
    name: variant.name,
    modelCalls: variant.modelCalls,
    samples: values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    mean: values.reduce((sum, value) => sum + value, 0) / values.length,
  };
}

function turnFigures(turns: TurnTiming[]) {
  const half = Math.floor(turns.length / 2);
  const overheads = turns.map((turn) => turn.wallMs - turn.emulatorMs);
  const p50 = (values: number[]): number => percentile(values, 50);
  return {
    wallP50: p50(turns.map((turn) => turn.wallMs)),
    acceptedP50: p50(turns.map((turn) => turn.acceptedMs)),
    emulatorP50: p50(turns.map((turn) => turn.emulatorMs)),
    doModelCallP50: p50(turns.map((turn) => turn.modelCallMs)),
    withoutDoModelP50: p50(turns.map((turn) => turn.wallMs - turn.modelCallMs)),
    firstHalfP50: p50(overheads.slice(0, half)),
    secondHalfP50: p50(overheads.slice(half)),
  };
}

function printPhases(variant: string, phases: PhaseSummary[]): void {
  console.log(`\nWhere the time goes: ${variant} (stretches between events as received, ms)`);
  const rows = phases.map((phase) => [phase.from, phase.to, ms(phase.p50), ms(phase.p99)]);
  console.log(formatTable(['from', 'to', 'p50', 'p99'], rows, ['left', 'left', 'right', 'right']));
}

function printPgWork(all: { variant: Variant; pg: PgActivity | undefined }[]): void {
  console.log('\nPostgreSQL work per request (its own counters, pg_stat_database):');
  const rows = all
    .filter((entry) => entry.pg)
    .map(({ variant, pg }) => {
      const p = pg as PgActivity;
      const cells = [p.transactions, p.rowsInserted, p.rowsUpdated, p.rowsDeleted, p.sessions];
      return [variant.name, ...cells.map((value) => value.toFixed(1))];
    });
  console.log(
    formatTable(['scenario', 'transactions', 'rows inserted', 'updated', 'deleted', 'new sessions'], rows, [
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
    ]),
  );
}
