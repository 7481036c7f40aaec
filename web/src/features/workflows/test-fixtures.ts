/** Builders of workflow objects and events for the unit tests of this folder. */
import type { Adw, AdwStep, LaneEvent } from './types.ts';

export function step(index: number, name: string, status = 'pending'): AdwStep {
  return {
    step_index: index,
    step: name,
    status,
    attempt: 0,
    agent_id: null,
    agent_name: null,
    started_at: null,
    completed_at: null,
    duration_ms: null,
    cost_usd: 0,
    output: {},
    error: null,
    summary: `${name}: waiting`,
  };
}

export function adw(overrides: Partial<Adw> = {}): Adw {
  return {
    id: 'a1',
    orchestrator_id: 'o1',
    name: 'first',
    workflow_type: 'plan_build_review',
    description: null,
    status: 'pending',
    current_step: null,
    completed_steps: 0,
    total_steps: 3,
    created_at: '2026-11-21T10:00:00.000Z',
    started_at: null,
    completed_at: null,
    duration_ms: null,
    error_step: null,
    error_message: null,
    cost_usd: 0,
    tokens: 0,
    steps: [step(0, 'plan'), step(1, 'build'), step(2, 'review')],
    ...overrides,
  };
}

export function event(seq: number, type: string, extra: Partial<LaneEvent> = {}): LaneEvent {
  return {
    seq,
    type,
    category: 'adw',
    ts: `2026-11-21T10:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    orchestrator_id: 'o1',
    adw_id: 'a1',
    adw_step: '_workflow',
    data: {},
    ...extra,
  };
}
