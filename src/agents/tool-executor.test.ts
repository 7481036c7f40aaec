import type { ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ToolDefinition } from '../tools/types.ts';
import { concurrencyGroups } from './tool-executor.ts';

const tool = (name: string, concurrencySafe: boolean): ToolDefinition => ({
  name,
  description: name,
  input: z.object({}),
  concurrencySafe,
  run: async () => ({ content: '' }),
});
const tools = [tool('read', true), tool('write', false)];
const use = (name: string, id: string) => ({ type: 'tool_use', id, name, input: {} }) as ToolUseBlock;

describe('concurrencyGroups', () => {
  it.each([
    ['all safe run together', ['read', 'read'], [['1', '2']]],
    ['an unsafe call is a barrier', ['read', 'write', 'read', 'read'], [['1'], ['2'], ['3', '4']]],
    ['unsafe calls run one by one', ['write', 'write'], [['1'], ['2']]],
    ['unknown tools run alone', ['nope', 'read'], [['1'], ['2']]],
  ])('%s', (_label, names, expected) => {
    const uses = names.map((name, i) => use(name, String(i + 1)));
    expect(concurrencyGroups(tools, uses).map((group) => group.map((u) => u.id))).toEqual(expected);
  });
});
