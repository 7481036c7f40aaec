import { describe, expect, it } from 'vitest';
import type { FeedbackEntry } from '../../autocomplete/learning.ts';
import { autocompletePrompt } from '../../autocomplete/prompt.ts';
import { suggestCompletionsTool } from '../../autocomplete/schema.ts';
import { accepted, contextFor, ignored, rejected } from '../../autocomplete/test-fixtures.ts';
import { offlineCompletions } from './autocomplete.ts';
import { offlineReply } from './reply.ts';

const complete = (text: string, feedback: FeedbackEntry[] = []) =>
  offlineCompletions(autocompletePrompt(contextFor(text, feedback))).map((c) => c.completion);

describe('the offline model completes from the grammar and the prompt’s names', () => {
  it('continues a clause towards commands with the listed templates, agents and files', () => {
    expect(complete('create agent ')).toEqual([
      'builder as builder',
      'planner as planner',
      'reviewer as reviewer',
    ]);
    expect(complete('tell sc')[0]).toBe('out to list files');
    expect(complete('ask scout to read ')).toEqual(['notes/todo.md', 'src/app.ts', '; list agents']);
  });

  it('finishes the word being typed and starts new words with a space', () => {
    expect(complete('create ag')[0]).toBe('ent builder as builder');
    expect(complete('list')).toContain(' agents');
  });

  it('fills up with a new command after ";" when too little continues the clause', () => {
    expect(complete('please build me a todo app')).toEqual(['; list agents', '; report cost', '; show logs']);
  });

  it('completes the last clause of several', () => {
    expect(complete('list agents; report c')[0]).toBe('ost');
  });

  it('answers a request offering suggest_completions with a tool call', () => {
    const reply = offlineReply(
      {
        model: 'claude-haiku-4-5',
        max_tokens: 100,
        tools: [suggestCompletionsTool()],
        messages: [{ role: 'user', content: autocompletePrompt(contextFor('report')) }],
      },
      () => 'toolu_1',
    );
    expect(reply.stop_reason).toBe('tool_use');
    expect(reply.content).toHaveLength(1);
    expect(reply.content[0]).toMatchObject({ type: 'tool_use', id: 'toolu_1', name: 'suggest_completions' });
    const input = (reply.content[0] as { input: { completions: Array<{ completion: string }> } }).input;
    expect(input.completions[0]?.completion).toBe(' cost');
  });
});

describe('feedback changes the offline completions', () => {
  it('puts what was accepted first and never offers what was rejected', () => {
    const before = complete('create agent ');
    const after = complete('create agent ', [
      accepted('create agent ', 'documenter as documenter'),
      rejected('create agent ', 'builder as builder'),
    ]);
    expect(before).toEqual(['builder as builder', 'planner as planner', 'reviewer as reviewer']);
    expect(after).toEqual(['documenter as documenter', 'planner as planner', 'reviewer as reviewer']);
  });

  it('offers an accepted completion again for a shorter prefix of the same command', () => {
    const feedback = [accepted('create agent ', 'documenter as documenter')];
    expect(complete('create', feedback)[0]).toBe(' agent documenter as documenter');
  });

  it('offers what the person sent instead of a completion', () => {
    const feedback = [ignored('ask scout', 'ask scout to summarise notes/todo.md')];
    expect(complete('ask scout', feedback)[0]).toBe(' to summarise notes/todo.md');
  });

  it('never offers a rejected new-command fallback either', () => {
    const completions = complete('build me an app', [rejected('build me an app', '; list agents')]);
    expect(completions).not.toContain('; list agents');
    expect(completions).toHaveLength(3);
  });
});
