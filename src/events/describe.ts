/**
 * A deterministic one-line description of an event: what status views show, and the summary an
 * event keeps when no AI summary could be made.
 */
import type { WireEvent } from './types.ts';

const MAX = 120;

export function describeEvent(event: Pick<WireEvent, 'type' | 'data' | 'summary'>): string {
  if (event.summary) return event.summary;
  const d = event.data;
  const str = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value ?? ''));
  switch (event.type) {
    case 'text':
      return clip(`Text: ${str(d.text)}`);
    case 'text_delta':
      return clip(`Streaming: ${str(d.text)}`);
    case 'thinking':
      return clip(`Thinking: ${str(d.thinking)}`);
    case 'tool_use':
      return clip(`Tool call ${str(d.name)} ${str(d.input)}`);
    case 'tool_result':
      return clip(`${d.is_error ? 'Tool error' : 'Tool result'} ${str(d.name)}: ${str(d.content)}`);
    case 'PreToolUse':
      return clip(`Using tool: ${str(d.tool_name)}`);
    case 'PostToolUse':
      return clip(`${d.is_error ? 'Failed' : 'Completed'} tool: ${str(d.tool_name)}`);
    case 'UserPromptSubmit':
      return clip(`Prompt: ${str(d.prompt)}`);
    case 'Stop':
      return clip(`Stopped: ${str(d.reason)}`);
    case 'chat_message':
      return clip(`Message: ${str((d.message as { content?: unknown } | undefined)?.content)}`);
    case 'file_changes':
      return clip(
        `Files: ${Array.isArray(d.produced) ? d.produced.length : 0} changed, ${Array.isArray(d.consumed) ? d.consumed.length : 0} read`,
      );
    case 'expertise_updated':
      return clip(
        `Expertise ${str(d.domain)} v${str(d.version)} by ${str(d.author)} (+${str(d.lines_added)} −${str(d.lines_removed)}): ${str(d.reason ?? '')}`,
      );
    case 'pipeline_run':
      return clip(
        `Pipeline ${str(d.kind)} run (${str(d.trigger)}) ${str(d.status)}${d.error ? `: ${str(d.error)}` : d.summary ? `: ${str(d.summary)}` : ''}`,
      );
    case 'pipeline_step':
      return clip(
        `Pipeline step ${Number(d.index) + 1}/${str(d.total)} ${str(d.step)} ${str(d.status)}${typeof d.duration_ms === 'number' ? ` in ${d.duration_ms} ms` : ''}`,
      );
    case 'system_log':
      return clip(`${str(d.level).toUpperCase()}: ${str(d.message)}`);
    case 'model_call':
      return clip(
        `Model call ${str(d.model)}: ${str(d.input_tokens)} in, ${str(d.output_tokens)} out, $${str(d.cost_usd)}`,
      );
    default:
      return clip(`${event.type} ${JSON.stringify(d)}`);
  }
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX ? oneLine : `${oneLine.slice(0, MAX - 1)}…`;
}
