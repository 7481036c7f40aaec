import { describe, expect, it } from 'vitest';
import { parseAgentCommands } from './agent-grammar.ts';
import type { Intent } from './grammar.ts';

const call = (name: string, input: Record<string, unknown> = {}): Intent => ({ kind: 'tool', name, input });

describe('parseAgentCommands', () => {
  it.each<[string, Intent[]]>([
    ['write hello.txt: hi there', [call('write_file', { path: 'hello.txt', content: 'hi there' })]],
    ['Create file notes/a.md: # A', [call('write_file', { path: 'notes/a.md', content: '# A' })]],
    ['write empty.txt:', [call('write_file', { path: 'empty.txt', content: '' })]],
    [
      'write app.py:\ndef main():\n    return 1\n\nmain()\n',
      [call('write_file', { path: 'app.py', content: 'def main():\n    return 1\n\nmain()' })],
    ],
    [
      'write a.txt: x = 1;y = 2; read a.txt',
      [call('write_file', { path: 'a.txt', content: 'x = 1;y = 2' }), call('read_file', { path: 'a.txt' })],
    ],
    [
      'write a.txt: one\nRead the docs first\nread a.txt',
      [
        call('write_file', { path: 'a.txt', content: 'one\nRead the docs first' }),
        call('read_file', { path: 'a.txt' }),
      ],
    ],
    ['read src/app.ts', [call('read_file', { path: 'src/app.ts' })]],
    ['list files', [call('list_files')]],
    ['List all files.', [call('list_files')]],
    ['delete old.txt', [call('delete_file', { path: 'old.txt' })]],
    ['search TODO', [call('search_files', { pattern: 'TODO' })]],
    ['search for /fo+ bar/', [call('search_files', { pattern: 'fo+ bar' })]],
    [
      'edit a.txt: replace hello with goodbye',
      [call('edit_file', { path: 'a.txt', old_string: 'hello', new_string: 'goodbye' })],
    ],
    [
      'edit a.txt: replace "x with y" with "z\\n"',
      [call('edit_file', { path: 'a.txt', old_string: 'x with y', new_string: 'z\n' })],
    ],
    [
      'list files; read a.txt\ndelete b.txt',
      [call('list_files'), call('read_file', { path: 'a.txt' }), call('delete_file', { path: 'b.txt' })],
    ],
    ['please refactor everything', [{ kind: 'unknown', clause: 'please refactor everything' }]],
    ['create agent builder', [{ kind: 'unknown', clause: 'create agent builder' }]],
  ])('%j', (text, expected) => {
    expect(parseAgentCommands(text)).toEqual(expected);
  });
});
