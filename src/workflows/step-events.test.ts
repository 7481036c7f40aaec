import { describe, expect, it } from 'vitest';
import type { AdwRow } from '../db/adws.ts';
import {
  adwLogEvent,
  adwStatusEvent,
  agentStatusEvent,
  stepCancelledEvent,
  stepEndEvent,
  stepSkippedEvent,
  stepStartEvent,
  WORKFLOW,
} from './step-events.ts';

const adwId = '4c587aa1-872b-4c59-8fee-c9d5bc29e4df';
const agentId = '9f00aa11-0000-4000-8000-000000000000';
const startedAt = new Date('2026-11-21T23:47:12.000Z');
const completedAt = new Date('2026-11-21T23:47:15.500Z');

describe('step events', () => {
  it('StepStart names the agent and reports the queue time only when known', () => {
    const start = { adwId, step: 'plan', stepIndex: 0, agentId, agentName: 'plan-4c587aa1' };
    expect(stepStartEvent({ ...start, queueMs: 12 })).toEqual({
      type: 'adw_step_change',
      adwId,
      adwStep: 'plan',
      data: {
        adw_id: adwId,
        step: 'plan',
        step_index: 0,
        change: 'StepStart',
        status: 'running',
        agent_id: agentId,
        agent_name: 'plan-4c587aa1',
        queue_ms: 12,
      },
    });
    expect(stepStartEvent(start).data).not.toHaveProperty('queue_ms');
  });

  it('StepEnd carries the duration, the output and an error only when there is one', () => {
    const ended = {
      step: 'review',
      stepIndex: 2,
      status: 'completed' as const,
      agentId,
      startedAt,
      completedAt,
      output: { verdict: 'PASS' },
      error: null,
    };
    expect(stepEndEvent(adwId, ended).data).toEqual({
      adw_id: adwId,
      step: 'review',
      step_index: 2,
      change: 'StepEnd',
      status: 'completed',
      agent_id: agentId,
      agent_name: 'review-4c587aa1',
      duration_ms: 3_500,
      output: { verdict: 'PASS' },
    });
    expect(stepEndEvent(adwId, { ...ended, status: 'failed', error: 'boom' }).data).toMatchObject({
      status: 'failed',
      error: 'boom',
    });
  });

  it('a cancelled step that never started has no agent and no duration, like a skipped one', () => {
    const never = { step: 'fix', stepIndex: 3, agentId: null, startedAt: null, completedAt };
    const cancelled = stepCancelledEvent(adwId, never).data;
    expect(cancelled).toEqual({
      adw_id: adwId,
      step: 'fix',
      step_index: 3,
      change: 'StepEnd',
      status: 'cancelled',
    });
    expect(stepSkippedEvent(adwId, 'fix', 3).data).toEqual({ ...cancelled, status: 'skipped' });
    expect(stepCancelledEvent(adwId, { ...never, agentId, startedAt }).data).toMatchObject({
      agent_id: agentId,
      agent_name: 'fix-4c587aa1',
      duration_ms: 3_500,
    });
  });
});

describe('workflow events', () => {
  it('log lines carry their level as a System event type', () => {
    expect(adwLogEvent(adwId, WORKFLOW, 'warning', 'Workflow cancelled.')).toEqual({
      type: 'adw_event',
      adwId,
      adwStep: WORKFLOW,
      data: {
        adw_id: adwId,
        step: WORKFLOW,
        level: 'warning',
        event_type: 'SystemWarning',
        message: 'Workflow cancelled.',
      },
    });
  });

  it('adw_status is about the workflow as a whole', () => {
    const row: AdwRow = {
      id: adwId,
      orchestratorId: agentId,
      name: 'feature',
      workflowType: 'plan_build',
      description: null,
      status: 'in_progress',
      currentStep: 'build',
      totalSteps: 2,
      completedSteps: 1,
      input: {},
      output: {},
      errorMessage: null,
      errorStep: null,
      startedAt,
      completedAt: null,
      createdAt: startedAt,
      updatedAt: startedAt,
    };
    expect(adwStatusEvent(row)).toMatchObject({
      type: 'adw_status',
      adwId,
      adwStep: WORKFLOW,
      data: { adw_id: adwId, status: 'in_progress', current_step: 'build', duration_ms: null },
    });
  });

  it('agent status changes are the agent’s events', () => {
    expect(agentStatusEvent(adwId, 'plan', agentId, 'executing', 'idle')).toEqual({
      type: 'agent_status_changed',
      adwId,
      adwStep: 'plan',
      agentId,
      data: { old_status: 'executing', new_status: 'idle' },
    });
  });
});
