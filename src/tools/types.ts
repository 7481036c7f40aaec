/**
 * A tool an agent can call: a zod input schema (also the JSON Schema sent to the Messages API), a
 * handler, and whether it may run alongside the other tool calls of the same model message.
 *
 * The runtime executes a tool at most once per `tool_use_id` and stores its result, so handlers need
 * not guard against re-execution; a handler with external side effects should still key them by
 * `ctx.toolUseId` (workspace writes do) so a crash between the effect and the stored result is safe.
 */
import type { z } from 'zod';
import type { Database } from '../db/client.ts';
import type { EventSink } from '../events/types.ts';

export interface ToolContext {
  db: Database;
  orchestratorId: string;
  /** The command agent calling; null when the orchestrator itself calls. */
  agentId: string | null;
  /** The command (prompt row) being run, when there is one. */
  promptId: string | null;
  toolUseId: string;
  /** Aborted when the run is interrupted. */
  signal: AbortSignal;
  events: EventSink;
  /**
   * Resolves once the cost rows of the run's model calls so far are stored (they are written off the
   * model call's critical path): a tool that reports spending awaits it to include the current call.
   */
  costsRecorded?: () => Promise<void>;
}

export interface ToolResult {
  /** What the model reads. Keep it short: the runtime truncates long results for the model. */
  content: string;
  isError?: boolean;
  /** Structured detail for events and the UI (not sent to the model). */
  data?: Record<string, unknown>;
}

export interface ToolDefinition<Input extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: Input;
  /**
   * Sent to the model instead of the JSON Schema derived from `input`: for a remote MCP tool, whose
   * schema comes from its server as JSON and is passed on as it is (src/mcp-client).
   */
  inputJsonSchema?: Record<string, unknown>;
  /** True when running it concurrently with other calls of the same message cannot interfere. */
  concurrencySafe: boolean;
  run(input: z.infer<Input>, ctx: ToolContext): Promise<ToolResult>;
  /**
   * Called instead of re-running a call the platform cut off (it started, its result was never
   * stored): settles what the call left in flight and says what became of it, or undefined when it
   * cannot tell, and the model is told the effect is unknown. The approval gate withdraws a request
   * nobody waits for any more here, so a later approval cannot place an order the agent never learns of.
   */
  recover?(ctx: ToolContext): Promise<ToolResult | undefined>;
}

/**
 * An expected failure: its message goes back to the model as an `is_error` tool result (so the model
 * can correct itself), never crashing the loop.
 */
export class ToolError extends Error {
  override readonly name = 'ToolError';
}

/** Identity function that keeps `run`'s input typed by the schema. */
export function defineTool<Input extends z.ZodType>(tool: ToolDefinition<Input>): ToolDefinition<Input> {
  return tool;
}
