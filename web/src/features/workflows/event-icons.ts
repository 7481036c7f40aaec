/**
 * How an event looks in a lane: its icon, and the filter category it belongs to. Step markers
 * (StepStart / StepEnd) belong to no filter: they frame the lane and always show.
 */
import type { LaneEvent } from './types.ts';

export type FilterCategory = 'response' | 'tool' | 'thinking' | 'hook' | 'system';

export const FILTER_CATEGORIES: ReadonlyArray<{ id: FilterCategory; label: string; icon: string }> = [
  { id: 'response', label: 'Response', icon: '💬' },
  { id: 'tool', label: 'Tool', icon: '🛠️' },
  { id: 'thinking', label: 'Thinking', icon: '🧠' },
  { id: 'hook', label: 'Hook', icon: '🪝' },
  { id: 'system', label: 'System', icon: '⚙️' },
];

const HOOKS = new Set(['PreToolUse', 'PostToolUse', 'Stop', 'UserPromptSubmit']);
const SYSTEM_ICONS: Record<string, string> = {
  SystemInfo: 'ℹ️',
  SystemWarning: '⚠️',
  SystemError: '❌',
  SystemDebug: '🔍',
};

/** StepStart / StepEnd of an `adw_step_change`, or undefined for any other event. */
export function stepChangeOf(event: LaneEvent): 'StepStart' | 'StepEnd' | undefined {
  if (event.type !== 'adw_step_change') return undefined;
  const change = event.data.change;
  return change === 'StepStart' || change === 'StepEnd' ? change : undefined;
}

export function iconFor(event: LaneEvent): string {
  const change = stepChangeOf(event);
  if (change) return change === 'StepStart' ? '▶' : '■';
  if (HOOKS.has(event.type)) return '🪝';
  switch (event.type) {
    case 'tool_use':
    case 'tool_result':
      return '🛠️';
    case 'thinking':
      return '🧠';
    case 'text':
    case 'text_delta':
      return '💬';
    case 'adw_event': {
      const kind = event.data.event_type;
      return (typeof kind === 'string' && SYSTEM_ICONS[kind]) || '⚙️';
    }
    case 'adw_created':
    case 'adw_status':
    case 'agent_status_changed':
      return '⚙️';
    default:
      return '📋';
  }
}

/** The filter an event answers to; null for step markers, which always show. */
export function filterCategoryOf(event: LaneEvent): FilterCategory | null {
  if (stepChangeOf(event)) return null;
  if (HOOKS.has(event.type)) return 'hook';
  switch (event.type) {
    case 'tool_use':
    case 'tool_result':
      return 'tool';
    case 'thinking':
      return 'thinking';
    case 'text':
    case 'text_delta':
      return 'response';
    default:
      return 'system';
  }
}

/** Turns one filter on or off; the last one on stays on (an empty lane view explains nothing). */
export function toggleFilter(
  active: ReadonlySet<FilterCategory>,
  category: FilterCategory,
): Set<FilterCategory> {
  const next = new Set(active);
  if (next.has(category)) {
    if (next.size > 1) next.delete(category);
  } else {
    next.add(category);
  }
  return next;
}

export function isShown(event: LaneEvent, active: ReadonlySet<FilterCategory>): boolean {
  const category = filterCategoryOf(event);
  return category === null || active.has(category);
}

/** The square's tooltip and accessible name: `type: summary`. */
export function squareLabel(event: LaneEvent): string {
  const change = stepChangeOf(event);
  const type =
    change ?? (event.type === 'adw_event' ? String(event.data.event_type ?? event.type) : event.type);
  const summary = event.summary ?? fallbackSummary(event);
  return summary ? `${type}: ${summary}` : type;
}

/** A one-liner from the payload for events whose AI summary has not arrived (or never will). */
export function fallbackSummary(event: LaneEvent): string {
  const data = event.data;
  const pick = (key: string): string | undefined => {
    const value = data[key];
    return typeof value === 'string' && value ? value : undefined;
  };
  const change = stepChangeOf(event);
  if (change) return `${String(data.step ?? event.adw_step ?? '')} ${String(data.status ?? '')}`.trim();
  if (event.type === 'adw_status') return `workflow ${String(data.status ?? '')}`.trim();
  if (event.type === 'adw_created') return 'workflow created';
  if (event.type === 'agent_created') {
    const agent = data.agent as { name?: unknown } | undefined;
    return `agent ${typeof agent?.name === 'string' ? agent.name : 'created'}`;
  }
  if (event.type === 'agent_status_changed')
    return `${String(data.old_status ?? '?')} → ${String(data.new_status ?? '?')}`;
  if (event.type === 'model_call')
    return `${String(data.model ?? 'model')}: ${Number(data.input_tokens ?? 0)} in, ${Number(data.output_tokens ?? 0)} out`;
  if (event.type === 'file_changes') {
    const count = (key: string) => (Array.isArray(data[key]) ? (data[key] as unknown[]).length : 0);
    return `${count('produced')} changed, ${count('consumed')} read`;
  }
  const raw =
    pick('message') ??
    pick('text') ??
    pick('thinking') ??
    pick('tool_name') ??
    pick('name') ??
    pick('reason') ??
    pick('prompt');
  if (!raw) return '';
  const text = raw.replace(/\s+/g, ' ').trim();
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
