/** The stream's filter buttons: finer than the server's categories for responses (text, tool, thinking). */
import type { WireEvent } from '../stream/wire.ts';

export const FILTERS = [
  'Response',
  'Tool',
  'Thinking',
  'Hook',
  'System',
  'Chat',
  'Agent',
  'File',
  'Cost',
  'Workflow',
  'Pipeline',
  'Trading',
] as const;
export type FilterName = (typeof FILTERS)[number];

const BY_CATEGORY: Record<string, FilterName> = {
  response: 'Response',
  hook: 'Hook',
  system: 'System',
  chat: 'Chat',
  agent: 'Agent',
  file: 'File',
  cost: 'Cost',
  adw: 'Workflow',
  pipeline: 'Pipeline',
  trading: 'Trading',
};

export function filterOf(event: Pick<WireEvent, 'type' | 'category'>): FilterName {
  if (event.type === 'tool_use' || event.type === 'tool_result') return 'Tool';
  if (event.type === 'thinking') return 'Thinking';
  return BY_CATEGORY[event.category] ?? 'System';
}
