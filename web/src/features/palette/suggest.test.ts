import { describe, expect, it } from 'vitest';
import { applySuggestion, insertText, matchScore, type PaletteCatalog, suggest, tokenAt } from './suggest.ts';

const catalog: PaletteCatalog = {
  slashCommands: [
    { name: 'plan', description: 'Write a plan', argument_hint: '<task>' },
    { name: 'prime', description: 'Load context', argument_hint: '' },
    { name: 'build', description: 'Build a plan', argument_hint: '<plan path>' },
  ],
  agents: [
    { name: 'alpha', status: 'idle', template: null },
    { name: 'beta-builder', status: 'executing', template: 'builder' },
  ],
  templates: [
    { name: 'builder', description: 'Builds' },
    { name: 'planner', description: 'Plans' },
  ],
  workflowTypes: [{ type: 'plan_build_review', description: 'Plan, build, review' }],
};

const labels = (value: string, caret = value.length) => suggest(catalog, value, caret).map((s) => s.label);

describe('tokenAt', () => {
  it.each([
    ['', 0, { text: '', start: 0, end: 0 }],
    ['/pl', 3, { text: '/pl', start: 0, end: 3 }],
    ['tell al', 7, { text: 'al', start: 5, end: 7 }],
    ['tell alpha to', 7, { text: 'al', start: 5, end: 10 }],
    ['tell ', 5, { text: '', start: 5, end: 5 }],
    ['a\nb', 3, { text: 'b', start: 2, end: 3 }],
    ['abc', 99, { text: 'abc', start: 0, end: 3 }],
  ])('%j at %i', (value, caret, expected) => {
    expect(tokenAt(value, caret)).toEqual(expected);
  });
});

describe('matchScore', () => {
  it('ranks exact > prefix > word start > substring > letters in order > none', () => {
    const scores = [
      matchScore('plan', 'plan'),
      matchScore('planner', 'plan'),
      matchScore('beta-builder', 'bui'),
      matchScore('rebuild', 'bui'),
      matchScore('plan_build_review', 'pbr'),
      matchScore('alpha', 'zz'),
    ];
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.at(-1)).toBe(0);
    expect(new Set(scores).size).toBe(scores.length);
  });

  it('is case-insensitive and prefers shorter names among prefixes', () => {
    expect(matchScore('Alpha', 'AL')).toBeGreaterThan(0);
    expect(matchScore('plan', 'pl')).toBeGreaterThan(matchScore('planner', 'pl'));
  });
});

describe('suggest', () => {
  it('lists every slash command for a lone /, with argument hints', () => {
    const all = suggest(catalog, '/', 1);
    expect(all.map((s) => s.label)).toEqual(['/build', '/plan', '/prime']);
    expect(all.find((s) => s.label === '/plan')?.hint).toBe('<task>');
  });

  it('filters slash commands by the typed prefix, best first', () => {
    expect(labels('/p')).toEqual(['/plan', '/prime']);
    expect(labels('/bu')).toEqual(['/build']);
  });

  it('offers slash commands only at the start of the prompt', () => {
    expect(labels('tell alpha /pl')).toEqual([]);
    expect(labels('  /pl')).toEqual(['/plan']);
  });

  it('lists agents for @, filtered by what follows', () => {
    expect(labels('tell @')).toEqual(['alpha', 'beta-builder']);
    expect(labels('tell @be')).toEqual(['beta-builder']);
    expect(labels('@alpha')).toEqual(['alpha']);
  });

  it('matches plain words of two letters or more against agents, templates and workflows', () => {
    expect(labels('tell a')).toEqual([]);
    expect(labels('tell al')).toEqual(['alpha']);
    expect(labels('create agent x as bui')).toEqual(['builder', 'beta-builder', 'plan_build_review']);
    expect(labels('run plan_b')).toEqual(['plan_build_review']);
  });

  it('drops a suggestion the token already spells out and respects the limit', () => {
    expect(labels('tell alpha')).toEqual([]);
    expect(suggest(catalog, '/', 1, 2)).toHaveLength(2);
  });

  it('uses the token at the caret, not the end of the text', () => {
    expect(labels('tell al to write', 7)).toEqual(['alpha']);
  });
});

describe('applySuggestion', () => {
  it('replaces the whole current token and adds one space', () => {
    expect(applySuggestion('/pl', 3, { insert: '/plan' })).toEqual({ value: '/plan ', caret: 6 });
    expect(applySuggestion('tell @al', 8, { insert: 'alpha' })).toEqual({ value: 'tell alpha ', caret: 11 });
    expect(applySuggestion('tell alp to go', 6, { insert: 'alpha' })).toEqual({
      value: 'tell alpha to go',
      caret: 11,
    });
  });
});

describe('insertText', () => {
  it('separates the inserted text with single spaces', () => {
    expect(insertText('', 0, '/plan')).toEqual({ value: '/plan ', caret: 6 });
    expect(insertText('tell', 4, 'alpha')).toEqual({ value: 'tell alpha ', caret: 11 });
    expect(insertText('tell ', 5, 'alpha')).toEqual({ value: 'tell alpha ', caret: 11 });
    expect(insertText('tell  now', 5, 'alpha')).toEqual({ value: 'tell alpha now', caret: 11 });
  });
});
