import { describe, expect, it } from 'vitest';
import { findWorkflow, WORKFLOW_DEFINITIONS } from './definitions.ts';
import {
  afterStep,
  planPathProblem,
  reviewPath,
  stepAgentName,
  stepCommand,
  stepTimestamp,
  verdictProblem,
} from './progress.ts';

const fix = findWorkflow('plan_build_review_fix');
if (!fix) throw new Error('plan_build_review_fix is defined');

describe('afterStep', () => {
  it('runs the next step, and after the last one finishes', () => {
    expect(afterStep(fix, 0, {})).toEqual({ skip: [], next: 1 });
    const build = findWorkflow('plan_build');
    if (build) expect(afterStep(build, 1, {})).toEqual({ skip: [], next: null });
  });

  it('skips fix unless the review failed', () => {
    expect(afterStep(fix, 2, { verdict: 'PASS' })).toEqual({ skip: [3], next: null });
    expect(afterStep(fix, 2, {})).toEqual({ skip: [3], next: null });
    expect(afterStep(fix, 2, { verdict: 'FAIL' })).toEqual({ skip: [], next: 3 });
  });

  it('has one submit tool per structured step, listed among its tools', () => {
    for (const definition of WORKFLOW_DEFINITIONS)
      for (const step of definition.steps) if (step.submitTool) expect(step.tools).toContain(step.submitTool);
  });
});

describe('verdictProblem', () => {
  it('FAIL if and only if at least one BLOCKER', () => {
    expect(verdictProblem('PASS', [{ tier: 'LOW' }, { tier: 'HIGH' }])).toBeUndefined();
    expect(verdictProblem('FAIL', [{ tier: 'BLOCKER' }])).toBeUndefined();
    expect(verdictProblem('FAIL', [{ tier: 'HIGH' }])).toContain('no issue is a BLOCKER');
    expect(verdictProblem('PASS', [{ tier: 'BLOCKER' }])).toContain('1 issue(s) are BLOCKERs');
  });
});

describe('stepCommand', () => {
  it('quotes the prompt so the slash command splits it as one argument', () => {
    const review = fix.steps[2];
    if (!review) throw new Error('review step');
    expect(stepCommand(review, { prompt: 'say "hi" \\ there', planPath: 'specs/a.md' })).toBe(
      '/review "say \\"hi\\" \\\\ there" specs/a.md',
    );
  });

  it('names agents after the step and the workflow id', () => {
    expect(stepAgentName('plan', '0123456789abcdef')).toBe('plan-01234567');
  });

  it('accepts plans only as Markdown under specs/', () => {
    expect(planPathProblem('specs/a.md')).toBeUndefined();
    expect(planPathProblem('notes/a.md')).toContain('under specs/');
    expect(planPathProblem('specs/a.txt')).toContain('Markdown');
  });
});

describe('report file names', () => {
  it('are unique per workflow even when two steps start in the same second', () => {
    const at = new Date('2026-11-21T23:47:12.345Z');
    const one = reviewPath(stepTimestamp(at, '4c587aa1-872b-4c59-8fee-c9d5bc29e4df'));
    const two = reviewPath(stepTimestamp(at, '9f00aa11-0000-4000-8000-000000000000'));
    expect(one).toBe('app_review/review_20261121_234712_4c587aa1.md');
    expect(two).not.toBe(one);
  });
});
