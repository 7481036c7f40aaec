/** Small display helpers. */
export function usd(value: number): string {
  return `$${value.toFixed(4)}`;
}

export function compactTokens(tokens: number): string {
  return tokens >= 1000 ? `${(tokens / 1000).toFixed(tokens >= 100_000 ? 0 : 1)}k` : String(tokens);
}

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** Local wall-clock time of an ISO timestamp (one shared formatter: toLocaleTimeString per row is slow). */
export function clock(ts: string): string {
  const time = Date.parse(ts);
  return Number.isNaN(time) ? '' : timeFormat.format(time);
}

/** One line for an event row: its summary, else the most telling field of its payload. */
export function eventLine(type: string, data: Record<string, unknown>, summary?: string): string {
  if (summary) return summary;
  const pick = (...keys: string[]) => {
    for (const key of keys) {
      const value = data[key];
      if (typeof value === 'string' && value) return value;
    }
    return '';
  };
  switch (type) {
    case 'chat_message': {
      const message = data.message as { content?: unknown } | undefined;
      return typeof message?.content === 'string' ? message.content : '';
    }
    case 'tool_use':
      return `${pick('name')} ${JSON.stringify(data.input ?? {})}`;
    case 'model_call':
      return `${pick('model')} in ${data.input_tokens ?? 0} out ${data.output_tokens ?? 0} · $${Number(data.cost_usd ?? 0).toFixed(4)}`;
    case 'agent_status_changed':
      return `${pick('old_status')} → ${pick('new_status')}`;
    case 'adw_created': {
      const adw = (data.adw ?? {}) as { name?: unknown; workflow_type?: unknown; total_steps?: unknown };
      return `Workflow ${String(adw.name ?? '')} (${String(adw.workflow_type ?? '')}, ${String(adw.total_steps ?? '?')} steps) created`;
    }
    case 'adw_status': {
      const progress = `${String(data.completed_steps ?? 0)}/${String(data.total_steps ?? 0)} steps`;
      const step = pick('current_step');
      const error = pick('error_message');
      return [`Workflow ${pick('status')}`, progress, step && `at ${step}`, error]
        .filter(Boolean)
        .join(' · ');
    }
    case 'adw_step_change': {
      const status = pick('status');
      const took = typeof data.duration_ms === 'number' ? `${(data.duration_ms / 1000).toFixed(1)} s` : '';
      const verb = pick('change') === 'StepStart' ? 'started' : status;
      return [`Step ${pick('step')} ${verb}`, pick('agent_name'), took].filter(Boolean).join(' · ');
    }
    case 'summary_update':
    case 'adw_event_summary_update': {
      const count = Array.isArray(data.summaries) ? data.summaries.length : 0;
      return `${count} event summar${count === 1 ? 'y' : 'ies'} updated`;
    }
    case 'file_changes': {
      const produced = Array.isArray(data.produced) ? data.produced.length : 0;
      const consumed = Array.isArray(data.consumed) ? data.consumed.length : 0;
      return `${produced} file(s) changed, ${consumed} read`;
    }
    default:
      return (
        pick('text', 'thinking', 'prompt', 'message', 'command', 'content', 'reason', 'error', 'name') ||
        JSON.stringify(data).slice(0, 200)
      );
  }
}
