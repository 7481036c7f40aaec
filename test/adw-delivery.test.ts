/**
 * Queue delivery is at-least-once and unordered: duplicate, early and late `adw_step` messages change
 * nothing, and a Durable Object reset mid-step resumes the step from its checkpoint without running
 * a tool twice.
 */
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adwFinished, getAdw, startAdw, stepChanges, stepScope, write } from './helpers/adws.ts';
import { modelRequests, scriptModel, waitForModelRequests } from './helpers/emulator.ts';
import { createOrchestrator, hubOf, ofType } from './helpers/orchestrators.ts';
import { deliverBatch } from './helpers/queue.ts';
import { caughtUp, expectContiguous, openStream } from './helpers/stream.ts';

const deliver = (bodies: Array<Record<string, unknown>>) =>
  deliverBatch(bodies.map((body, index) => ({ id: `m${index}`, body })));

const stepMessage = (adwId: string, stepIndex: number, orchestratorId?: string) => ({
  kind: 'adw_step',
  adw_id: adwId,
  step_index: stepIndex,
  ...(orchestratorId ? { orchestrator_id: orchestratorId } : {}),
});

describe('workflow step delivery', () => {
  it('ignores duplicate, early and late deliveries: every step starts once, in order', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const adw = await startAdw(id, { workflow_type: 'plan_build', prompt: 'x', name: 'dup' });
    const plan = stepScope(id, 'plan', adw.id);
    await scriptModel(plan, [
      { tool_uses: [write('specs/x.md', '# Plan: x\n')], delay_ms: 500 },
      { tool_uses: [{ name: 'submit_plan', input: { path: 'specs/x.md' } }] },
      { text: 'planned' },
    ]);
    await scriptModel(stepScope(id, 'build', adw.id), [{ text: 'built' }]);
    await stream.waitFor(
      (e) => e.type === 'adw_step_change' && e.data.change === 'StepStart',
      'plan to start',
    );

    // While plan runs: the same step again (with and without the routing id), and the next one early.
    const during = await deliver([
      stepMessage(adw.id, 0, id),
      stepMessage(adw.id, 0),
      stepMessage(adw.id, 1, id),
      { kind: 'adw_step', adw_id: 'not-a-uuid', step_index: 0 },
    ]);
    expect(during.explicitAcks.sort()).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(during.retryMessages).toEqual([]);
    await caughtUp(stream, id);
    const beforeEnd = stepChanges(stream, adw.id);
    expect(beforeEnd).toEqual([['plan', 'StepStart', 'running']]);

    await adwFinished(stream, adw.id);
    // Late redeliveries of both steps after the workflow ended.
    const late = await deliver([stepMessage(adw.id, 0, id), stepMessage(adw.id, 1, id)]);
    expect(late.retryMessages).toEqual([]);
    // The object decides on a delivery before its RPC returns: once the stream has everything it
    // emitted, a step started by these deliveries would be on it.
    await caughtUp(stream, id);
    expect(stepChanges(stream, adw.id)).toEqual([
      ['plan', 'StepStart', 'running'],
      ['plan', 'StepEnd', 'completed'],
      ['build', 'StepStart', 'running'],
      ['build', 'StepEnd', 'completed'],
    ]);
    expect(await modelRequests(plan)).toHaveLength(3);
    const done = await getAdw(adw.id);
    expect(done.steps.map((s) => s.attempt)).toEqual([1, 1]);
    expect(done).toMatchObject({ status: 'completed', completed_steps: 2 });
    stream.close();
  });

  it('resumes a step after a reset mid-step: no tool runs twice and the workflow completes', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const adw = await startAdw(id, { workflow_type: 'plan_build', prompt: 'x', name: 'crash' });
    const plan = stepScope(id, 'plan', adw.id);
    await scriptModel(plan, [
      { tool_uses: [write('specs/x.md', '# Plan: x\n')] },
      // Still on its way when the object is reset: the reset loses this call.
      { text: 'lost with the reset instance', delay_ms: 60_000 },
      { tool_uses: [{ name: 'submit_plan', input: { path: 'specs/x.md' } }] },
      { text: 'planned' },
    ]);
    await scriptModel(stepScope(id, 'build', adw.id), [{ text: 'built' }]);
    await stream.waitFor((e) => e.type === 'PostToolUse' && e.adw_step === 'plan', 'the plan write');
    await waitForModelRequests(plan, 2);

    await runInDurableObject(hubOf(id), (_instance, state) => state.abort('simulated deploy')).catch(
      () => {},
    );
    expect(await runDurableObjectAlarm(hubOf(id))).toBe(true);
    const resumed = await openStream(id, stream.events.at(-1)?.seq ?? 0);
    const end = await adwFinished(resumed, adw.id);
    expect(end.data).toMatchObject({ status: 'completed', completed_steps: 2 });

    const all = [...stream.events, ...resumed.events];
    expectContiguous(all, 1);
    expect(
      ofType(all, 'PreToolUse').filter((e) => e.adw_step === 'plan' && e.data.tool_name === 'write_file'),
    ).toHaveLength(1);
    expect(ofType(all, 'adw_step_change').filter((e) => e.data.change === 'StepStart')).toHaveLength(2);
    expect(ofType(all, 'adw_created')).toHaveLength(1);
    const done = await getAdw(adw.id);
    expect(done.steps.map((s) => [s.status, s.attempt])).toEqual([
      ['completed', 1],
      ['completed', 1],
    ]);
    resumed.close();
    stream.close();
  });
});
