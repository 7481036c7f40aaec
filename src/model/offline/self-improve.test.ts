import { describe, expect, it } from 'vitest';
import { expertiseSection } from '../../experts/prompt.ts';
import type { MessagesRequest } from '../wire/types.ts';
import { offlineReply } from './reply.ts';
import { selfImproveStart } from './self-improve.ts';

const DOC = '# WebSocket\n- server: src/ws.ts\n- legacy: src/old-socket.ts\n';
const tool = (name: string) => ({ name, description: name, input_schema: { type: 'object' as const } });
const ids = () => {
  let n = 0;
  return () => `toolu_${++n}`;
};

function request(
  messages: MessagesRequest['messages'],
  tools = ['list_files', 'update_expertise'],
): MessagesRequest {
  const section = expertiseSection('websocket', { content: DOC, version: 2, lines: 3, maxLines: 100 });
  return { model: 'm', max_tokens: 100, system: `Expert.\n\n${section}`, tools: tools.map(tool), messages };
}

const prompt = { role: 'user' as const, content: '# Self-improve\n\nValidate your expertise document.' };
const call = (id: string, name: string) => ({
  role: 'assistant' as const,
  content: [{ type: 'tool_use' as const, id, name, input: {} }],
});
const result = (id: string, content: string, isError = false) => ({
  role: 'user' as const,
  content: [
    { type: 'tool_result' as const, tool_use_id: id, content, ...(isError ? { is_error: true } : {}) },
  ],
});

describe('the offline model running /self-improve', () => {
  it('applies only while the /self-improve prompt is the latest command', () => {
    expect(selfImproveStart(request([prompt]))).toBe(0);
    expect(selfImproveStart(request([prompt, call('a', 'list_files'), result('a', 'x')]))).toBe(0);
    expect(selfImproveStart(request([prompt, { role: 'user', content: 'list files' }]))).toBeUndefined();
  });

  it('lists the workspace, then removes the line naming a missing path through update_expertise', () => {
    const first = offlineReply(request([prompt]), ids());
    expect(first.content.at(-1)).toMatchObject({ type: 'tool_use', name: 'list_files' });
    const listing = '2 files in the workspace:\nsrc/ws.ts  (10 bytes, v1)\nREADME.md  (3 bytes, v1)';
    const second = offlineReply(request([prompt, call('t1', 'list_files'), result('t1', listing)]), ids());
    expect(second.stop_reason).toBe('tool_use');
    expect(second.content.at(-1)).toMatchObject({
      type: 'tool_use',
      name: 'update_expertise',
      input: {
        domain: 'websocket',
        content: '# WebSocket\n- server: src/ws.ts\n',
        reason: 'self-improve: removed 1 line naming paths no longer in the workspace: src/old-socket.ts',
      },
    });
    const done = offlineReply(
      request([
        prompt,
        call('t1', 'list_files'),
        result('t1', listing),
        call('t2', 'update_expertise'),
        result('t2', 'Updated the expertise document "websocket": version 3'),
      ]),
      ids(),
    );
    expect(done).toMatchObject({ stop_reason: 'end_turn' });
    expect(JSON.stringify(done.content)).toContain('Done: Updated the expertise document');
  });

  it('says the document is current when every path it names exists', () => {
    const listing = '2 files in the workspace:\nsrc/ws.ts  (10 bytes, v1)\nsrc/old-socket.ts  (3 bytes, v1)';
    const reply = offlineReply(request([prompt, call('t1', 'list_files'), result('t1', listing)]), ids());
    expect(reply.stop_reason).toBe('end_turn');
    expect(JSON.stringify(reply.content)).toContain(
      'is current (version 2): all 2 workspace paths it names exist',
    );
  });

  it('refuses without an expertise document or the update tool', () => {
    const reply = offlineReply(request([prompt], ['list_files']), ids());
    expect(reply.stop_reason).toBe('end_turn');
    expect(JSON.stringify(reply.content)).toContain('Only an expert agent');
  });
});
