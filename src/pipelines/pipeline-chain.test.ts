import { describe, expect, it } from 'vitest';
import { DECISION_STEPS, decisionChain, runPipelineChain, type StepProgress } from './pipeline-chain.ts';

const now = new Date('2026-12-05T12:00:00Z');

describe('the decision chain', () => {
  it('runs the five steps in order, reporting each, and keeps the pipeline’s result', async () => {
    const progress: StepProgress[] = [];
    const outcome = await runPipelineChain(decisionChain({ as_of: '2024-06-28' }, now), async (step) => {
      progress.push(step);
    });
    expect(outcome.status).toBe('succeeded');
    expect(outcome.log.map((entry) => [entry.step, entry.status])).toEqual(
      DECISION_STEPS.map((step) => [step, 'succeeded']),
    );
    expect(progress.map((p) => `${p.index}/${p.total} ${p.step} ${p.status}`)).toEqual(
      DECISION_STEPS.flatMap((step, index) => [`${index}/5 ${step} running`, `${index}/5 ${step} succeeded`]),
    );
    expect(outcome.result).toMatchObject({
      regime: { asof: '2024-06-28' },
      decision: { allow_trade: expect.any(Boolean) },
    });
    expect(outcome.summary).toMatch(/^Risk-(On|Off) \/ .+: (trade allowed|no trade), \w+ risk, size ×/);
  });

  it('an input error fails the regime step, stops the chain and is kept for a 422', async () => {
    const outcome = await runPipelineChain(decisionChain({ as_of: '2030-01-01' }, now));
    expect(outcome.status).toBe('failed');
    expect(outcome.log).toEqual([
      {
        step: 'regime',
        status: 'failed',
        duration_ms: expect.any(Number),
        error: expect.stringContaining('as_of'),
      },
    ]);
    expect(outcome.inputError?.field).toBe('as_of');
    expect(outcome.error).toMatch(/^regime: as_of must be between/);
  });
});
