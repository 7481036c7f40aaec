import { describe, expect, it } from 'vitest';
import {
  type FilterCategory,
  fallbackSummary,
  filterCategoryOf,
  iconFor,
  isShown,
  squareLabel,
  toggleFilter,
} from './event-icons.ts';
import { event } from './test-fixtures.ts';

describe('iconFor and filterCategoryOf', () => {
  it.each([
    ['adw_step_change', { change: 'StepStart' }, '▶', null],
    ['adw_step_change', { change: 'StepEnd' }, '■', null],
    ['PreToolUse', {}, '🪝', 'hook'],
    ['PostToolUse', {}, '🪝', 'hook'],
    ['Stop', {}, '🪝', 'hook'],
    ['tool_use', {}, '🛠️', 'tool'],
    ['tool_result', {}, '🛠️', 'tool'],
    ['thinking', {}, '🧠', 'thinking'],
    ['text', {}, '💬', 'response'],
    ['adw_event', { event_type: 'SystemInfo' }, 'ℹ️', 'system'],
    ['adw_event', { event_type: 'SystemWarning' }, '⚠️', 'system'],
    ['adw_event', { event_type: 'SystemError' }, '❌', 'system'],
    ['adw_event', { event_type: 'SystemDebug' }, '🔍', 'system'],
    ['adw_status', {}, '⚙️', 'system'],
    ['file_changes', {}, '📋', 'system'],
    ['model_call', {}, '📋', 'system'],
  ] as const)('%s %o → %s in %s', (type, data, icon, category) => {
    const e = event(1, type, { data: { ...data } });
    expect(iconFor(e)).toBe(icon);
    expect(filterCategoryOf(e)).toBe(category);
  });
});

describe('toggleFilter', () => {
  it('turns a filter off and on', () => {
    const all = new Set<FilterCategory>(['response', 'tool']);
    expect([...toggleFilter(all, 'tool')]).toEqual(['response']);
    expect([...toggleFilter(new Set(['response']), 'hook')].sort()).toEqual(['hook', 'response']);
  });

  it('keeps the last filter on', () => {
    expect([...toggleFilter(new Set(['system']), 'system')]).toEqual(['system']);
  });

  it('does not change its input', () => {
    const input = new Set<FilterCategory>(['tool', 'hook']);
    toggleFilter(input, 'tool');
    expect(input.size).toBe(2);
  });
});

describe('isShown', () => {
  it('always shows step markers', () => {
    const marker = event(1, 'adw_step_change', { data: { change: 'StepEnd' } });
    expect(isShown(marker, new Set(['hook']))).toBe(true);
    expect(isShown(event(2, 'text'), new Set(['hook']))).toBe(false);
  });
});

describe('squareLabel', () => {
  it('is `type: summary`', () => {
    expect(squareLabel(event(1, 'tool_use', { summary: 'Read: a.md' }))).toBe('tool_use: Read: a.md');
  });

  it('names system lines by their level and falls back to the message', () => {
    const e = event(1, 'adw_event', {
      data: { event_type: 'SystemWarning', message: 'Workflow\n cancelled.' },
    });
    expect(squareLabel(e)).toBe('SystemWarning: Workflow cancelled.');
  });

  it('names step markers StepStart / StepEnd', () => {
    const e = event(1, 'adw_step_change', { data: { change: 'StepEnd', step: 'plan', status: 'completed' } });
    expect(squareLabel(e)).toBe('StepEnd: plan completed');
  });

  it('is the type alone when there is nothing to say', () => {
    expect(squareLabel(event(1, 'orchestrator_updated'))).toBe('orchestrator_updated');
  });
});

describe('fallbackSummary', () => {
  it.each([
    ['agent_status_changed', { old_status: 'idle', new_status: 'executing' }, 'idle → executing'],
    ['model_call', { model: 'opus', input_tokens: 10, output_tokens: 2 }, 'opus: 10 in, 2 out'],
    ['file_changes', { produced: [{}], consumed: [] }, '1 changed, 0 read'],
    ['tool_use', { name: 'write_file' }, 'write_file'],
    ['PreToolUse', { tool_name: 'read_file' }, 'read_file'],
    ['agent_created', { agent: { name: 'plan-1' } }, 'agent plan-1'],
    ['UserPromptSubmit', { prompt: '/plan x' }, '/plan x'],
  ])('%s → %s', (type, data, text) => {
    expect(fallbackSummary(event(1, type, { data }))).toBe(text);
  });
});
