/** Readable lines for the scheduled pipelines' events (category `pipeline`), part of describe.ts's table. */
type Data = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const shortId = (value: unknown): string => text(value).slice(0, 8);
const join = (...parts: Array<string | false | undefined>): string => parts.filter(Boolean).join(' · ');

export const PIPELINE_DESCRIBERS: Readonly<Record<'pipeline_run' | 'pipeline_step', (data: Data) => string>> =
  {
    pipeline_run: (data) =>
      join(
        `${text(data.kind) === 'backtest' ? 'Backtest' : 'Decision'} pipeline run ${shortId(data.run_id)} ${text(data.status) || 'updated'}`,
        text(data.trigger) && `trigger: ${text(data.trigger)}`,
        text(data.summary),
        text(data.error),
      ),
    pipeline_step: (data) => {
      const position =
        typeof data.index === 'number' && typeof data.total === 'number'
          ? `${data.index + 1}/${data.total}`
          : '';
      const took = typeof data.duration_ms === 'number' ? `${Math.round(data.duration_ms)} ms` : '';
      return join(`Pipeline step ${text(data.step) || '?'} ${text(data.status)}`.trim(), position, took);
    },
  };
