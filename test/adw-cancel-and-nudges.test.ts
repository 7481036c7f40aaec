/**
 * Cancelling a workflow mid-step interrupts its running agent and cancels what is left; a step that
 * ends without its structured result is reminded a bounded number of times, then fails clearly.
 */
import { describe, expect, it } from 'vitest';
import { adwFinished, getAdw, startAdw, stepChanges, stepScope, write } from './helpers/adws.ts';
import { call, expectError } from './helpers/api.ts';
import { modelRequests, scriptModel } from './helpers/emulator.ts';
import { createOrchestrator } from './helpers/orchestrators.ts';
import { caughtUp, openStream } from './helpers/stream.ts';

describe('cancel', () => {
  it('interrupts the running step, cancels the rest, is idempotent, and 409s once finished otherwise', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const adw = await startAdw(id, { workflow_type: 'plan_build_review', prompt: 'x', name: 'stop-me' });
    await scriptModel(stepScope(id, 'plan', adw.id), [{ text: 'tick '.repeat(300), chunk_delay_ms: 30 }]);
    await stream.waitFor((e) => e.type === 'text_delta' && e.adw_step === 'plan', 'the plan agent to stream');

    const response = await call(`/api/adws/${adw.id}/cancel`, { method: 'POST' });
    expect(response.status).toBe(200);
    const cancelled = (await response.json()) as Awaited<ReturnType<typeof getAdw>>;
    expect(cancelled).toMatchObject({ status: 'cancelled', completed_steps: 0, total_steps: 3 });
    expect(cancelled.steps.map((s) => s.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    // The step's agent is no longer running once the cancel has answered, and the stream says so.
    const planAgent = cancelled.steps[0]?.agent_id;
    expect(planAgent).toBeTruthy();
    const listed = (await (await call(`/api/orchestrators/${id}/agents`)).json()) as {
      agents: Array<{ id: string; name: string; status: string }>;
    };
    expect(listed.agents.find((a) => a.id === planAgent)).toMatchObject({
      name: `plan-${adw.id.slice(0, 8)}`,
      status: 'idle',
    });
    const idle = await stream.waitFor(
      (e) => e.type === 'agent_status_changed' && e.agent_id === planAgent && e.data.new_status === 'idle',
      'the plan agent to go idle',
    );
    expect(idle.data.old_status).toBe('executing');
    await adwFinished(stream, adw.id);
    const stop = await stream.waitFor(
      (e) => e.type === 'Stop' && e.adw_step === 'plan',
      'the plan agent to stop',
    );
    expect(stop.data.reason).toBe('interrupted');
    // Every step still to come ends cancelled too (never started: no agent, no duration).
    expect(stepChanges(stream, adw.id)).toEqual([
      ['plan', 'StepStart', 'running'],
      ['plan', 'StepEnd', 'cancelled'],
      ['build', 'StepEnd', 'cancelled'],
      ['review', 'StepEnd', 'cancelled'],
    ]);
    const neverRan = stream.events.filter(
      (e) => e.type === 'adw_step_change' && e.data.adw_id === adw.id && e.data.step !== 'plan',
    );
    for (const change of neverRan) {
      expect(change.data).not.toHaveProperty('agent_id');
      expect(change.data).not.toHaveProperty('duration_ms');
    }
    // Again: still cancelled, nothing new.
    expect((await call(`/api/adws/${adw.id}/cancel`, { method: 'POST' })).status).toBe(200);
    // The cancel answered after the object acted on it: all it emitted is on the stream after this.
    await caughtUp(stream, id);
    expect(stepChanges(stream, adw.id)).toHaveLength(4);
    expect(await modelRequests(stepScope(id, 'build', adw.id))).toHaveLength(0);
    // The run stopped: no model call after the interrupted one, and the agent stayed idle.
    expect(await modelRequests(stepScope(id, 'plan', adw.id))).toHaveLength(1);
    const after = (await (await call(`/api/orchestrators/${id}/agents`)).json()) as {
      agents: Array<{ id: string; status: string }>;
    };
    expect(after.agents.find((a) => a.id === planAgent)?.status).toBe('idle');
    expect(
      stream.events.filter((e) => e.type === 'agent_status_changed' && e.agent_id === planAgent).at(-1)?.data
        .new_status,
    ).toBe('idle');

    // A workflow that completed cannot be cancelled.
    const quick = await startAdw(id, { workflow_type: 'plan_build', prompt: 'y', name: 'quick' });
    await scriptModel(stepScope(id, 'plan', quick.id), [
      { tool_uses: [write('specs/y.md', '# Plan: y\n')] },
      { tool_uses: [{ name: 'submit_plan', input: { path: 'specs/y.md' } }] },
      { text: 'planned' },
    ]);
    await scriptModel(stepScope(id, 'build', quick.id), [{ text: 'built' }]);
    await adwFinished(stream, quick.id);
    const body = await expectError(
      await call(`/api/adws/${quick.id}/cancel`, { method: 'POST' }),
      409,
      'conflict',
    );
    expect(body.error.message).toContain('completed');
    stream.close();
  });
});

describe('missing structured results', () => {
  it('reminds a step twice, then fails the workflow with the step and a clear message', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const adw = await startAdw(id, { workflow_type: 'plan_build', prompt: 'x', name: 'forgetful' });
    const plan = stepScope(id, 'plan', adw.id);
    await scriptModel(plan, [{ text: 'I planned it.' }, { text: 'Really.' }, { text: 'Done, trust me.' }]);
    const end = await adwFinished(stream, adw.id);
    const message = 'plan step ended without calling submit_plan after 2 reminders';
    expect(end.data).toMatchObject({
      status: 'failed',
      error_step: 'plan',
      error_message: message,
      completed_steps: 0,
    });
    const done = await getAdw(adw.id);
    // The step after the failed one will never run: cancelled with the failure, not left pending.
    expect(done.steps.map((s) => [s.status, s.error])).toEqual([
      ['failed', message],
      ['cancelled', null],
    ]);
    expect(done.steps[1]).toMatchObject({ started_at: null, agent_id: null, summary: 'build: cancelled' });
    expect(done.steps[1]?.completed_at).not.toBeNull();
    const reminders = stream.events.filter((e) => e.type === 'adw_event' && e.data.level === 'warning');
    expect(reminders).toHaveLength(2);
    // The reminders reached the model as user messages of the same conversation.
    const requests = await modelRequests(plan);
    expect(requests).toHaveLength(3);
    expect(JSON.stringify(requests[2]?.body)).toContain('Reminder 2 of 2');
    expect(stepChanges(stream, adw.id)).toEqual([
      ['plan', 'StepStart', 'running'],
      ['plan', 'StepEnd', 'failed'],
      ['build', 'StepEnd', 'cancelled'],
    ]);
    // The StepEnd events come before the workflow's final status.
    const buildEnd = stream.events.find(
      (e) => e.type === 'adw_step_change' && e.data.adw_id === adw.id && e.data.step === 'build',
    );
    expect(buildEnd?.seq).toBeLessThan(end.seq);
    stream.close();
  });

  it('a reminded step that then submits completes normally', async () => {
    const id = await createOrchestrator();
    const stream = await openStream(id, 0);
    const adw = await startAdw(id, { workflow_type: 'plan_build', prompt: 'x', name: 'late' });
    await scriptModel(stepScope(id, 'plan', adw.id), [
      { tool_uses: [write('specs/x.md', '# Plan: x\n')] },
      { text: 'Plan written.' },
      { tool_uses: [{ name: 'submit_plan', input: { path: 'specs/x.md' } }] },
      { text: 'Submitted.' },
    ]);
    await scriptModel(stepScope(id, 'build', adw.id), [{ text: 'built' }]);
    const end = await adwFinished(stream, adw.id);
    expect(end.data).toMatchObject({ status: 'completed', completed_steps: 2 });
    stream.close();
  });
});
