import { describe, expect, it } from 'vitest';
import { decideAdvance, decideAfterRun, type RunEnd, runHasEnded, skippedStepMessage } from './after-run.ts';
import { findWorkflow } from './definitions.ts';
import { MAX_NUDGES, missingSubmitError, nudgeText } from './progress.ts';

const plan = { name: 'plan', submitTool: 'submit_plan' };
const completed = { status: 'completed' };

function runEnd(change: Partial<RunEnd>): RunEnd {
  return { step: plan, outcome: completed, stepStatus: 'running', output: {}, nudges: 0, ...change };
}

describe('decideAfterRun', () => {
  it('releases a step that is no longer running (cancelled, or ended elsewhere)', () => {
    expect(decideAfterRun(runEnd({ stepStatus: 'cancelled' }))).toEqual({ kind: 'release' });
    expect(decideAfterRun(runEnd({ stepStatus: undefined, nudges: undefined }))).toEqual({ kind: 'release' });
  });

  it('ignores a step this object no longer holds', () => {
    expect(decideAfterRun(runEnd({ nudges: undefined }))).toEqual({ kind: 'ignore' });
  });

  it('reminds a step that ended without its submit tool, once per reminder left', () => {
    expect(decideAfterRun(runEnd({ nudges: 0 }))).toEqual({
      kind: 'remind',
      attempt: 1,
      text: nudgeText('submit_plan', 1),
      warning: `The plan step ended without calling submit_plan; reminder 1 of ${MAX_NUDGES}.`,
    });
    expect(decideAfterRun(runEnd({ nudges: MAX_NUDGES - 1 }))).toMatchObject({
      kind: 'remind',
      attempt: MAX_NUDGES,
    });
  });

  it('fails a step that still has no result after every reminder', () => {
    expect(decideAfterRun(runEnd({ nudges: MAX_NUDGES }))).toEqual({
      kind: 'finish',
      result: { status: 'failed', error: missingSubmitError('plan', 'submit_plan') },
    });
  });

  it('completes a step with its submitted result, or one that needs none', () => {
    const done = { kind: 'finish', result: { status: 'completed', error: null } };
    expect(decideAfterRun(runEnd({ output: { plan_path: 'specs/a.md' } }))).toEqual(done);
    expect(decideAfterRun(runEnd({ step: { name: 'build', submitTool: null } }))).toEqual(done);
  });

  it('fails a step whose run did not complete, with the reason', () => {
    expect(decideAfterRun(runEnd({ outcome: { status: 'max_turns' } }))).toEqual({
      kind: 'finish',
      result: { status: 'failed', error: 'plan step max_turns' },
    });
    expect(decideAfterRun(runEnd({ outcome: { status: 'failed', error: 'overloaded' } }))).toEqual({
      kind: 'finish',
      result: { status: 'failed', error: 'plan step failed: overloaded' },
    });
  });
});

describe('decideAdvance', () => {
  const fix = findWorkflow('plan_build_review_fix');
  if (!fix) throw new Error('plan_build_review_fix is defined');
  const planned = { step: 'plan', output: { plan_path: 'specs/a.md' } };

  it('enqueues the next step', () => {
    expect(decideAdvance(fix, 0, [planned])).toMatchObject({ skip: [], next: 1 });
  });

  it('skips the fix after a passing review and finishes with the plan and the verdict', () => {
    const reviewed = { step: 'review', output: { verdict: 'PASS' } };
    expect(decideAdvance(fix, 2, [planned, reviewed])).toEqual({
      skip: [3],
      next: null,
      output: { plan_path: 'specs/a.md', verdict: 'PASS' },
      verdict: 'PASS',
    });
  });

  it('runs the fix after a failing review', () => {
    const reviewed = { step: 'review', output: { verdict: 'FAIL' } };
    expect(decideAdvance(fix, 2, [planned, reviewed])).toMatchObject({ skip: [], next: 3 });
  });

  it('explains a skip by the verdict, or its absence', () => {
    expect(skippedStepMessage('fix', 'PASS')).toBe('The fix step is skipped: the review verdict is PASS.');
    expect(skippedStepMessage('fix', undefined)).toBe(
      'The fix step is skipped: the review verdict is not FAIL.',
    );
  });
});

describe('runHasEnded', () => {
  it('is true only when the conversation ends with an answer and no pending tool call', () => {
    expect(runHasEnded(undefined)).toBe(false);
    expect(runHasEnded({ role: 'user', content: 'go' })).toBe(false);
    expect(runHasEnded({ role: 'assistant', content: 'done' })).toBe(true);
    expect(runHasEnded({ role: 'assistant', content: [{ type: 'text', text: 'done' }] })).toBe(true);
    expect(
      runHasEnded({
        role: 'assistant',
        content: [{ type: 'tool_use', id: 't1', name: 'read_file', input: {} }],
      }),
    ).toBe(false);
  });
});
