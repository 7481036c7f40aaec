/**
 * A new user without an API key runs every workflow type: from the chat (offline grammar) and from
 * REST, and finds the plan, the built files, the review and (after a FAIL) the fix report in the
 * workspace, with the right step counts.
 */
import { describe, expect, it } from 'vitest';
import { adwFinished, getAdw, startAdw } from '../helpers/adws.ts';
import { ask, fileContent, filePaths, resultOf } from '../helpers/conversation.ts';
import { createOrchestrator } from '../helpers/orchestrators.ts';
import { expectContiguous, openStream } from '../helpers/stream.ts';

describe('workflows with the offline model', () => {
  it('runs plan_build_review_fix from the chat: a FAIL review ("with a blocker") is fixed', async () => {
    const id = await createOrchestrator({ name: 'offline adw' });
    const stream = await openStream(id, 0);
    const started = await ask(
      id,
      stream,
      'start a plan_build_review_fix workflow named demo: write notes/hello.md with a blocker',
    );
    expect(resultOf(started, 'start_adw')).toContain('Started workflow demo');
    const created = await stream.waitFor((e) => e.type === 'adw_created', 'adw_created');
    const adwId = (created.data.adw as { id: string }).id;
    const end = await adwFinished(stream, adwId);
    expect(end.data).toMatchObject({ status: 'completed', completed_steps: 4, total_steps: 4 });

    const adw = await getAdw(adwId);
    expect(adw.steps.map((s) => s.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    const planPath = String(adw.steps[0]?.output.plan_path);
    expect(planPath).toMatch(/^specs\/.+\.md$/);
    expect(adw.steps[2]?.output).toMatchObject({ verdict: 'FAIL' });
    expect(adw.steps[3]?.output).toMatchObject({ status: 'ALL FIXED' });
    const plan = await fileContent(id, planPath);
    for (const section of [
      '# Plan:',
      '## Task Description',
      '## Objective',
      '### New Files',
      '## Step by Step Tasks',
      '## Acceptance Criteria',
      '## Validation Commands',
      '## Notes',
    ])
      expect(plan).toContain(section);
    expect(await fileContent(id, 'notes/hello.md')).toContain(planPath);
    const reviews = await filePaths(id, 'app_review/');
    const fixes = await filePaths(id, 'app_fix_reports/');
    expect(reviews).toEqual([String(adw.steps[2]?.output.review_path)]);
    expect(fixes).toEqual([String(adw.steps[3]?.output.report_path)]);
    expect(await fileContent(id, fixes[0] ?? '')).toContain('ALL FIXED');

    // Summaries of the step agents' events also reach workflow clients, per workflow.
    const update = await stream.waitFor(
      (e) => e.type === 'adw_event_summary_update' && e.adw_id === adwId,
      'a workflow summary update',
    );
    expect((update.data.summaries as unknown[]).length).toBeGreaterThan(0);
    const checked = await ask(id, stream, 'check workflow demo');
    expect(resultOf(checked, 'check_adw')).toContain('completed, 4/4 steps done');
    expectContiguous(stream.events, 1);
    stream.close();
  });

  it.each([
    ['plan_build', 2, 2, ['completed', 'completed']],
    ['plan_build_review', 3, 3, ['completed', 'completed', 'completed']],
    ['plan_build_review_fix', 3, 4, ['completed', 'completed', 'completed', 'skipped']],
  ])('runs %s from REST with a PASS review', async (type, completed, total, statuses) => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const adw = await startAdw(id, { workflow_type: type, prompt: 'write docs/readme.md', name: type });
    const end = await adwFinished(stream, adw.id);
    expect(end.data).toMatchObject({ status: 'completed', completed_steps: completed, total_steps: total });
    const done = await getAdw(adw.id);
    expect(done.steps.map((s) => s.status)).toEqual(statuses);
    expect(await filePaths(id, 'docs/')).toEqual(['docs/readme.md']);
    expect((await filePaths(id, 'app_review/')).length).toBe(total > 2 ? 1 : 0);
    expect(await filePaths(id, 'app_fix_reports/')).toEqual([]);
    stream.close();
  });
});
