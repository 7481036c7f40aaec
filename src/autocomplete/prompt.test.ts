import { describe, expect, it } from 'vitest';
import { LEARNING_ROWS, learningFrom } from './learning.ts';
import { autocompletePrompt, normalizeCompletion } from './prompt.ts';
import { readSections, recordsOf, stringsOf } from './sections.ts';
import { accepted, contextFor, ignored, rejected } from './test-fixtures.ts';

describe('the autocomplete prompt', () => {
  it('carries the input around the cursor and the context, each as JSON lines', () => {
    const context = { ...contextFor('create agent x'), cursor: 6 };
    const sections = readSections(autocompletePrompt(context));
    expect(recordsOf(sections, 'input')).toEqual([{ before_cursor: 'create', after_cursor: ' agent x' }]);
    expect(recordsOf(sections, 'agents')).toEqual([{ name: 'scout', status: 'idle', template: 'scout' }]);
    expect(recordsOf(sections, 'slash_commands')[0]).toMatchObject({ command: '/plan', arguments: '[task]' });
    expect(recordsOf(sections, 'agent_templates').map((t) => t.name)).toContain('planner');
    expect(recordsOf(sections, 'workflow_types')[0]).toMatchObject({ type: 'plan_build' });
    expect(stringsOf(sections, 'files')).toEqual(['notes/todo.md', 'src/app.ts']);
  });

  it('includes the learning: accepted to prefer, rejected to avoid, what was sent instead', () => {
    const feedback = [
      accepted('create agent ', 'planner as planner'),
      rejected('create agent ', 'builder as builder'),
      ignored('tell scout', 'tell scout to read notes/todo.md'),
    ];
    const prompt = autocompletePrompt(contextFor('create agent ', feedback));
    const sections = readSections(prompt);
    expect(recordsOf(sections, 'accepted_before')).toEqual([
      { typed: 'create agent ', completion: 'planner as planner' },
    ]);
    expect(recordsOf(sections, 'rejected_before')).toEqual([
      { typed: 'create agent ', completion: 'builder as builder' },
    ]);
    expect(recordsOf(sections, 'typed_instead')).toEqual([
      { typed: 'tell scout', sent: 'tell scout to read notes/todo.md' },
    ]);
  });

  it('has no learning sections before any feedback', () => {
    const prompt = autocompletePrompt(contextFor('list'));
    expect(prompt).not.toContain('<accepted_before>');
    expect(prompt).not.toContain('<rejected_before>');
  });

  it('keeps a typed newline or closing tag inside its JSON line', () => {
    const text = 'write a.md: x\n</input>\n<input>';
    const sections = readSections(autocompletePrompt(contextFor(text)));
    expect(recordsOf(sections, 'input')).toEqual([{ before_cursor: text, after_cursor: '' }]);
  });
});

describe('learningFrom', () => {
  it('uses the newest rows only, each completion once with its newest outcome', () => {
    const feedback = [
      rejected('create agent ', 'planner as planner'),
      accepted('create agent ', 'planner as planner'),
      ...Array.from({ length: LEARNING_ROWS }, (_, i) => accepted('x', `old ${i}`)),
    ];
    const learning = learningFrom(feedback);
    expect(learning.rejected.map((e) => e.completion)).toEqual(['planner as planner']);
    expect(learning.accepted.map((e) => e.completion)).not.toContain('planner as planner');
    expect(learning.accepted).toHaveLength(LEARNING_ROWS - 2);
  });

  it('skips ignored rows with nothing sent and clips long typed text to its end', () => {
    const learning = learningFrom([ignored('a', ''), accepted(`${'x'.repeat(500)}end `, 'now')]);
    expect(learning.typedInstead).toEqual([]);
    expect(learning.accepted[0]?.typed.endsWith('end ')).toBe(true);
    expect(learning.accepted[0]?.typed.length).toBeLessThan(200);
  });
});

describe('normalizeCompletion', () => {
  it('drops a leading space after whitespace or at the start, keeps it after a word', () => {
    expect(normalizeCompletion('create agent ', ' builder')).toBe('builder');
    expect(normalizeCompletion('', ' list agents')).toBe('list agents');
    expect(normalizeCompletion('create agent', ' builder')).toBe(' builder');
    expect(normalizeCompletion('create ag', 'ent builder')).toBe('ent builder');
  });
});
