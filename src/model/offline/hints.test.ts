import { describe, expect, it } from 'vitest';
import { closestCommands, closestHint, helpText, isHelpRequest } from './hints.ts';

describe('help requests', () => {
  it.each(['help', 'Help.', 'what can you do?', '?', 'commands', 'show me the commands'])(
    '%j asks for help',
    (text) => {
      expect(isHelpRequest(text)).toBe(true);
    },
  );

  it.each(['help me write a file', 'list agents', 'what is scout doing?'])('%j does not', (text) => {
    expect(isHelpRequest(text)).toBe(false);
  });

  it('gives a command agent its grammar and its own tools', () => {
    expect(helpText('agent', ['read_file', 'list_files'])).toContain('My tools: read_file, list_files.');
  });
});

describe('closest commands', () => {
  it('ranks the commands sharing the most words', () => {
    expect(closestCommands('how much have I spent, cost wise', 'orchestrator')).toEqual(['report cost']);
    expect(closestCommands('kill the reviewer', 'orchestrator')).toEqual(['delete <agent>']);
    expect(closestCommands('run the review workflow please', 'orchestrator')[0]).toBe(
      'run a plan_build|plan_build_review|plan_build_review_fix workflow [named <name>]: <prompt>',
    );
    expect(closestCommands('find the TODOs', 'agent')).toEqual(['search <regex>']);
  });

  it('falls back to the basic commands, in a short line', () => {
    expect(closestHint('sing me a song', 'orchestrator')).toBe(
      'Closest commands: "create agent <name> [as <template>]", "create agents <a> and <b>", ' +
        '"tell <agent> to <command>". Say "help" for all of them.',
    );
  });
});
