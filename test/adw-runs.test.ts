/**
 * Full workflow runs against the Messages API emulator: each step is its own agent (scripted under
 * its scope), its structured result comes from its submit tool, and the workflow's row, steps, events
 * and costs add up.
 */
import { describe, expect, it } from 'vitest';
import {
  adwFinished,
  FIX_PATH,
  getAdw,
  REVIEW_PATH,
  scriptWithReportPath,
  startAdw,
  stepChanges,
  stepScope,
  write,
} from './helpers/adws.ts';
import { call } from './helpers/api.ts';
import { fileContent } from './helpers/conversation.ts';
import { scriptModel } from './helpers/emulator.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { expectContiguous, openStream } from './helpers/stream.ts';

async function scriptPlanAndBuild(id: string, adwId: string) {
  await scriptModel(stepScope(id, 'plan', adwId), [
    { tool_uses: [write('specs/hello.md', '# Plan: hello\n### New Files\n- `hello.txt`\n')] },
    { tool_uses: [{ name: 'submit_plan', input: { path: 'specs/hello.md' } }] },
    { text: 'Implementation Plan Created: specs/hello.md' },
  ]);
  await scriptModel(stepScope(id, 'build', adwId), [
    { tool_uses: [write('hello.txt', 'hello\n')] },
    { text: 'Built.', usage: { input_tokens: 100, output_tokens: 10 } },
  ]);
}

describe('workflow runs', () => {
  it('plan_build: plans, builds from the submitted plan path, completes with 2/2 and costs per step', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const adw = await startAdw(id, { workflow_type: 'plan_build', prompt: 'write hello', name: 'hello' });
    expect(adw).toMatchObject({
      status: 'pending',
      total_steps: 2,
      completed_steps: 0,
      workflow_type: 'plan_build',
    });
    await scriptPlanAndBuild(id, adw.id);
    const end = await adwFinished(stream, adw.id);
    expect(end.data).toMatchObject({ status: 'completed', completed_steps: 2, total_steps: 2 });

    const done = await getAdw(adw.id);
    expect(done.steps.map((s) => [s.step, s.status, s.agent_name])).toEqual([
      ['plan', 'completed', `plan-${adw.id.slice(0, 8)}`],
      ['build', 'completed', `build-${adw.id.slice(0, 8)}`],
    ]);
    expect(done.steps[0]?.output).toEqual({ plan_path: 'specs/hello.md' });
    expect(done.cost_usd).toBeGreaterThan(0);
    expect(done.steps.every((s) => s.cost_usd > 0)).toBe(true);
    expect(done.duration_ms).toBeGreaterThanOrEqual(0);
    expect(await fileContent(id, 'hello.txt')).toBe('hello\n');

    expect(stepChanges(stream, adw.id)).toEqual([
      ['plan', 'StepStart', 'running'],
      ['plan', 'StepEnd', 'completed'],
      ['build', 'StepStart', 'running'],
      ['build', 'StepEnd', 'completed'],
    ]);
    const created = stream.events.find((e) => e.type === 'adw_created');
    expect(created?.data.adw).toMatchObject({ id: adw.id });
    // Every step agent event carries the workflow and its step on the envelope.
    const agentEvents = stream.events.filter((e) => e.agent_id && e.adw_id === adw.id);
    expect(new Set(agentEvents.map((e) => e.adw_step))).toEqual(new Set(['plan', 'build']));
    expect(agentEvents.some((e) => e.type === 'PreToolUse' && e.adw_step === 'build')).toBe(true);
    // The build step got the plan path from submit_plan, not a guess.
    const buildPrompt = stream.events.find((e) => e.type === 'UserPromptSubmit' && e.adw_step === 'build');
    expect(buildPrompt?.data.prompt).toBe('/build specs/hello.md');
    expectContiguous(stream.events, 1);

    // The orchestrator's totals include the workflow's calls.
    const orchestrator = (await (await call(`/api/orchestrators/${id}`)).json()) as {
      usage: { cost_usd: number };
    };
    expect(orchestrator.usage.cost_usd).toBeGreaterThanOrEqual(done.cost_usd - 1e-9);
    stream.close();
  });

  it('plan_build_review_fix with a PASS review: fix is skipped, 3/4 steps completed', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const adw = await startAdw(id, {
      workflow_type: 'plan_build_review_fix',
      prompt: 'write hello',
      name: 'p',
    });
    await scriptPlanAndBuild(id, adw.id);
    const reviewPath = await scriptWithReportPath(stepScope(id, 'review', adw.id), REVIEW_PATH, (path) => [
      { tool_uses: [write(path, '# Code Review Report\n**Verdict**: ✅ PASS\n')] },
      { tool_uses: [{ name: 'submit_review', input: { verdict: 'PASS', issues: [LOW_ISSUE] } }] },
      { text: 'PASS, 1 low issue.' },
    ]);
    const end = await adwFinished(stream, adw.id);
    expect(end.data).toMatchObject({ status: 'completed', completed_steps: 3, total_steps: 4 });
    const done = await getAdw(adw.id);
    expect(done.steps.map((s) => s.status)).toEqual(['completed', 'completed', 'completed', 'skipped']);
    expect(done.steps[2]?.output).toEqual({ verdict: 'PASS', issues: [LOW_ISSUE], review_path: reviewPath });
    expect(stepChanges(stream, adw.id).at(-1)).toEqual(['fix', 'StepEnd', 'skipped']);
    const skipped = stream.events.find((e) => e.type === 'adw_event' && e.adw_step === 'fix');
    expect(skipped?.data).toMatchObject({ level: 'info', event_type: 'SystemInfo' });
    expect(await fileContent(id, reviewPath)).toContain('PASS');
    stream.close();
  });

  it('plan_build_review_fix with a FAIL review: an inconsistent verdict is refused, then fix runs', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const adw = await startAdw(id, {
      workflow_type: 'plan_build_review_fix',
      prompt: 'write hello',
      name: 'f',
    });
    await scriptPlanAndBuild(id, adw.id);
    const reviewPath = await scriptWithReportPath(stepScope(id, 'review', adw.id), REVIEW_PATH, (path) => [
      { tool_uses: [write(path, '# Code Review Report\n**Verdict**: ⚠️ FAIL\n')] },
      // PASS with a blocker contradicts the rule: refused with an error the model can act on.
      { tool_uses: [{ name: 'submit_review', input: { verdict: 'PASS', issues: [BLOCKER] } }] },
      { tool_uses: [{ name: 'submit_review', input: { verdict: 'FAIL', issues: [BLOCKER] } }] },
      { text: 'FAIL, 1 blocker.' },
    ]);
    const fixScope = stepScope(id, 'fix', adw.id);
    const fixPromise = scriptWithReportPath(fixScope, FIX_PATH, (path) => [
      {
        tool_uses: [
          write('hello.txt', 'hello, fixed\n'),
          write(path, '# Fix Report\n**Status**: ✅ ALL FIXED\n'),
        ],
      },
      {
        tool_uses: [
          { name: 'submit_fix_report', input: { status: 'ALL FIXED', summary: 'Fixed the blocker.' } },
        ],
      },
      { text: 'ALL FIXED' },
    ]);
    const end = await adwFinished(stream, adw.id);
    const fixPath = await fixPromise;
    expect(end.data).toMatchObject({ status: 'completed', completed_steps: 4, total_steps: 4 });
    const done = await getAdw(adw.id);
    expect(done.steps.map((s) => s.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(done.steps[2]?.output).toMatchObject({ verdict: 'FAIL', review_path: reviewPath });
    expect(done.steps[3]?.output).toEqual({
      status: 'ALL FIXED',
      summary: 'Fixed the blocker.',
      report_path: fixPath,
    });
    const refused = stream.events.find(
      (e) => e.type === 'tool_result' && e.data.name === 'submit_review' && e.data.is_error === true,
    );
    expect(String(refused?.data.content)).toContain('FAIL if and only if');
    // The fix step was given the review's path, never the newest file by time.
    const fixPrompt = stream.events.find((e) => e.type === 'UserPromptSubmit' && e.adw_step === 'fix');
    expect(String(fixPrompt?.data.prompt)).toContain(reviewPath);
    expect(await fileContent(id, fixPath)).toContain('ALL FIXED');
    stream.close();
  });
});

const LOW_ISSUE = {
  tier: 'LOW',
  location: 'hello.txt:1',
  description: 'No trailing punctuation.',
  solutions: ['Add one.'],
};
const BLOCKER = {
  tier: 'BLOCKER',
  location: 'hello.txt:1',
  description: 'Wrong greeting.',
  solutions: ['Fix it.'],
};
