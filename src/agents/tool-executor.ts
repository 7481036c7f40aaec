/**
 * Runs the tool calls of one model message, at most once per `tool_use_id`.
 *
 * Before a tool starts, the ledger records that it started; when it ends, its result. A restarted
 * run therefore reuses finished results, and a call that was cut off mid-way (the platform restarted
 * while it ran) is never run again: its tool's `recover` settles what it left in flight and reports the
 * outcome, or the model is told its effect is unknown.
 * Failures of any kind become `is_error` results the model can react to; they never end the loop.
 */
import type { ToolResultBlockParam, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import type { EventInput } from '../events/types.ts';
import { type ToolContext, type ToolDefinition, ToolError, type ToolResult } from '../tools/types.ts';

export interface ToolLedger {
  lookup(
    toolUseId: string,
  ): { state: 'started' } | { state: 'finished'; result: ToolResultBlockParam } | undefined;
  start(toolUseId: string, name: string): void;
  finish(toolUseId: string, result: ToolResultBlockParam): void;
}

export interface ToolExecutorOptions {
  tools: ToolDefinition[];
  ledger: ToolLedger;
  context: Omit<ToolContext, 'toolUseId'>;
  emit: (event: EventInput) => void;
  /** Sees every fresh result with its structured data (file activity, created agents, …). */
  onResult?: (name: string, result: ToolResult) => void;
}

/** What the model reads of one result; the full text stays in the event. */
export const MAX_RESULT_CHARS_FOR_MODEL = 20_000;
const MAX_RESULT_CHARS_IN_EVENT = 4_000;

/**
 * Calls run in the model's order, except that consecutive concurrency-safe calls run together; a call
 * that is not safe waits for everything before it and runs alone (e.g. create_agent before a
 * command_agent for the same agent in one message).
 */
export function createToolExecutor(options: ToolExecutorOptions) {
  return async function executeTools(toolUses: ToolUseBlock[]): Promise<ToolResultBlockParam[]> {
    const results: ToolResultBlockParam[] = [];
    for (const group of concurrencyGroups(options.tools, toolUses)) {
      results.push(...(await Promise.all(group.map((use) => executeOnce(options, use)))));
    }
    return results;
  };
}

export function concurrencyGroups(tools: ToolDefinition[], toolUses: ToolUseBlock[]): ToolUseBlock[][] {
  const groups: ToolUseBlock[][] = [];
  let safe: ToolUseBlock[] = [];
  for (const use of toolUses) {
    if (findTool(tools, use.name)?.concurrencySafe) {
      safe.push(use);
      continue;
    }
    if (safe.length > 0) groups.push(safe);
    groups.push([use]);
    safe = [];
  }
  if (safe.length > 0) groups.push(safe);
  return groups;
}

async function executeOnce(options: ToolExecutorOptions, use: ToolUseBlock): Promise<ToolResultBlockParam> {
  const previous = options.ledger.lookup(use.id);
  if (previous?.state === 'finished') return previous.result;
  // An interrupt stops the calls of this message that have not started yet.
  if (options.context.signal.aborted && !previous) {
    return settle(options, use, {
      content: `Not run: ${use.name} was interrupted before it started.`,
      isError: true,
    });
  }
  if (previous?.state === 'started') {
    return settle(
      options,
      use,
      (await recovered(options, use)) ?? {
        content:
          `The platform restarted while ${use.name} was running, so its effect is unknown. ` +
          'Check the current state before deciding whether to call it again.',
        isError: true,
      },
    );
  }
  options.ledger.start(use.id, use.name);
  options.emit({
    type: 'PreToolUse',
    data: { tool_name: use.name, tool_input: use.input, tool_use_id: use.id },
  });
  return settle(options, use, await run(options, use));
}

async function run(options: ToolExecutorOptions, use: ToolUseBlock): Promise<ToolResult> {
  const tool = findTool(options.tools, use.name);
  if (!tool) {
    const available = options.tools.map((t) => t.name).join(', ') || 'none';
    return { content: `Unknown tool "${use.name}". Available tools: ${available}.`, isError: true };
  }
  const parsed = tool.input.safeParse(use.input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`,
    );
    return { content: `Invalid input for ${use.name}: ${problems.join('; ')}`, isError: true };
  }
  try {
    return await tool.run(parsed.data, { ...options.context, toolUseId: use.id });
  } catch (error) {
    if (options.context.signal.aborted) return { content: `${use.name} was interrupted.`, isError: true };
    if (error instanceof ToolError) return { content: error.message, isError: true };
    console.error(`tool ${use.name} failed`, error);
    const message = error instanceof Error ? error.message : String(error);
    return { content: `${use.name} failed unexpectedly: ${message}`, isError: true };
  }
}

/** What a cut-off call's tool can tell of its outcome (`ToolDefinition.recover`); undefined if nothing. */
async function recovered(options: ToolExecutorOptions, use: ToolUseBlock): Promise<ToolResult | undefined> {
  const tool = findTool(options.tools, use.name);
  if (!tool?.recover) return undefined;
  try {
    return await tool.recover({ ...options.context, toolUseId: use.id });
  } catch (error) {
    console.error(`recovering ${use.name} failed`, error);
    return undefined;
  }
}

function settle(options: ToolExecutorOptions, use: ToolUseBlock, result: ToolResult): ToolResultBlockParam {
  const block: ToolResultBlockParam = {
    type: 'tool_result',
    tool_use_id: use.id,
    content: truncate(result.content, MAX_RESULT_CHARS_FOR_MODEL),
    ...(result.isError ? { is_error: true } : {}),
  };
  options.ledger.finish(use.id, block);
  options.onResult?.(use.name, result);
  const isError = result.isError === true;
  options.emit({
    type: 'tool_result',
    data: {
      tool_use_id: use.id,
      name: use.name,
      is_error: isError,
      content: truncate(result.content, MAX_RESULT_CHARS_IN_EVENT),
      ...(result.data ? { result: result.data } : {}),
    },
  });
  options.emit({
    type: 'PostToolUse',
    data: {
      tool_name: use.name,
      tool_use_id: use.id,
      is_error: isError,
      result: truncate(result.content, 500),
    },
  });
  return block;
}

function findTool(tools: ToolDefinition[], name: string): ToolDefinition | undefined {
  return tools.find((tool) => tool.name === name);
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n… [truncated: ${text.length - max} more characters]`;
}
