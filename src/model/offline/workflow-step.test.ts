import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../wire/types.ts';
import { filesFor, workflowStepOf, workflowStepReply } from './workflow-step.ts';

const ids = () => {
  let n = 0;
  return () => `toolu_${++n}`;
};

function request(step: string, brief: string, history: MessagesRequest['messages'] = []): MessagesRequest {
  return {
    model: 'm',
    max_tokens: 100,
    system: [{ type: 'text', text: `You are … (ADW step: ${step}).` }],
    messages: [{ role: 'user', content: [{ type: 'text', text: brief }] }, ...history],
  };
}

describe('the offline model as a workflow step', () => {
  it('knows its step from the system prompt only', () => {
    expect(workflowStepOf(request('review', 'x'))).toBe('review');
    expect(workflowStepOf({ model: 'm', max_tokens: 1, messages: [], system: 'an agent' })).toBeUndefined();
  });

  it('plans: writes specs/<kebab>.md, then submits it, then reports', () => {
    const brief = 'USER_PROMPT: Write notes/a.md please';
    const first = workflowStepReply(request('plan', brief), 'plan', ids());
    const write = first.content.find((block) => block.type === 'tool_use');
    expect(write).toMatchObject({ name: 'write_file', input: { path: 'specs/write-notes-a-md-please.md' } });
    const history: MessagesRequest['messages'] = [
      {
        role: 'assistant',
        content: [
          {
            type: 'tool_use',
            id: 't1',
            name: 'write_file',
            input: { path: 'specs/write-notes-a-md-please.md' },
          },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'Wrote' }] },
    ];
    const second = workflowStepReply(request('plan', brief, history), 'plan', ids());
    expect(second.content.find((block) => block.type === 'tool_use')).toMatchObject({
      name: 'submit_plan',
      input: { path: 'specs/write-notes-a-md-please.md' },
    });
  });

  it('fails a review only when the prompt says "with a blocker"', () => {
    const brief = (prompt: string) =>
      `USER_PROMPT: ${prompt}\nPLAN_PATH: specs/a.md\nREVIEW_FILE: \`app_review/review_1.md\``;
    const wrote: MessagesRequest['messages'] = [
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 't1', name: 'write_file', input: { path: 'app_review/review_1.md' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'Wrote' }] },
    ];
    const verdict = (prompt: string) =>
      workflowStepReply(request('review', brief(prompt), wrote), 'review', ids()).content.find(
        (b) => b.type === 'tool_use',
      );
    expect(verdict('do it')).toMatchObject({ name: 'submit_review', input: { verdict: 'PASS', issues: [] } });
    expect(verdict('do it with a blocker')).toMatchObject({
      name: 'submit_review',
      input: { verdict: 'FAIL' },
    });
  });

  it('builds the files a prompt names, or one named after the task', () => {
    expect(filesFor('write notes/a.md and src/b.ts')).toEqual(['notes/a.md', 'src/b.ts']);
    expect(filesFor('make a greeting')).toEqual(['app/make-a-greeting.md']);
  });
});
