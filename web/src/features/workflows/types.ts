/** The shapes the swimlanes work with: the API's workflow objects and the stream's events. */
import type { components } from '../../api/schema.d.ts';

export type Adw = components['schemas']['Adw'];
export type AdwStep = Adw['steps'][number];
export type AdwStatus = Adw['status'];

/**
 * An event as the WebSocket and `GET /api/adws/:id/events` carry it (README, "The WebSocket").
 * Structurally the same as the stream client's WireEvent, declared here so this feature depends on
 * the shape, not on another module's internals.
 */
export interface LaneEvent {
  seq: number;
  type: string;
  category: string;
  ts: string;
  orchestrator_id?: string;
  agent_id?: string;
  adw_id?: string;
  adw_step?: string;
  summary?: string;
  data: Record<string, unknown>;
}

/** The lane of workflow-wide lines (`adw_event` with step `_workflow`, `adw_status`, …). */
export const WORKFLOW_LANE = '_workflow';
