import { describe, expect, it } from 'vitest';
import { expandSlashCommand, formatTimestamp, splitArguments } from './expand.ts';
import type { SlashCommand } from './schemas.ts';

const command = (name: string, body: string): SlashCommand => ({
  name,
  description: `${name} command`,
  argumentHint: '',
  body,
});

const COMMANDS = [
  command('review', 'PROMPT=$1|PLAN=$2|THIRD=$3|ALL=$ARGUMENTS|FILE=review_$TIMESTAMP.md'),
  command('plan', 'USER_PROMPT: $ARGUMENTS'),
  command('prime', 'Read the README.'),
  command('experts:db:question', 'Q=$1'),
];
const NOW = new Date('2026-03-04T05:06:07.890Z');

describe('splitArguments', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['a b  c', ['a', 'b', 'c']],
    ['a\tb\nc\r\nd', ['a', 'b', 'c', 'd']],
    ['"two words" next', ['two words', 'next']],
    ["'single quoted' next", ['single quoted', 'next']],
    ['"escaped \\"quotes\\" and \\\\ backslash"', ['escaped "quotes" and \\ backslash']],
    ['"keeps \\n other backslashes"', ['keeps \\n other backslashes']],
    ["'no \\' escapes'", ['no \\', "escapes'"]],
    ['"" empty', ['', 'empty']],
    ['"a b"c d', ['a bc', 'd']],
    ["the user's page", ['the', "user's", 'page']],
    ['"unterminated quote', ['"unterminated', 'quote']],
    ['C:\\dir\\file', ['C:\\dir\\file']],
    ['"multi\nline" x', ['multi\nline', 'x']],
  ])('%j', (raw, expected) => {
    expect(splitArguments(raw)).toEqual(expected);
  });
});

describe('formatTimestamp', () => {
  it('is YYYYMMDD_HHMMSS in UTC', () => {
    expect(formatTimestamp(NOW)).toBe('20260304_050607');
    expect(formatTimestamp(new Date('2026-12-31T23:59:59.999-01:00'))).toBe('20270101_005959');
  });
});

describe('expandSlashCommand', () => {
  it('fills positional arguments, $ARGUMENTS and $TIMESTAMP', () => {
    const expanded = expandSlashCommand(COMMANDS, '/review "Add \\"login\\" page" specs/login.md', NOW);
    expect(expanded?.command.name).toBe('review');
    expect(expanded?.prompt).toBe(
      'PROMPT=Add "login" page|PLAN=specs/login.md|THIRD=|ALL="Add \\"login\\" page" specs/login.md' +
        '|FILE=review_20260304_050607.md',
    );
  });

  it('takes an exact $TIMESTAMP string as given (a workflow step passes one unique to its workflow)', () => {
    expect(expandSlashCommand(COMMANDS, '/review x', '20260304_050607_1a2b3c4d')?.prompt).toContain(
      'FILE=review_20260304_050607_1a2b3c4d.md',
    );
  });

  it('leaves missing positional arguments empty', () => {
    expect(expandSlashCommand(COMMANDS, '/review', NOW)?.prompt).toBe(
      'PROMPT=|PLAN=|THIRD=|ALL=|FILE=review_20260304_050607.md',
    );
  });

  it('passes $ARGUMENTS through raw, multi-line, trimmed', () => {
    const text = "  /plan   Add a user's profile page\n  with an avatar  \n";
    expect(expandSlashCommand(COMMANDS, text, NOW)?.prompt).toBe(
      "USER_PROMPT: Add a user's profile page\n  with an avatar",
    );
  });

  it('never expands placeholders that arrive inside arguments', () => {
    expect(expandSlashCommand(COMMANDS, '/plan costs $1 and $ARGUMENTS at $TIMESTAMP', NOW)?.prompt).toBe(
      'USER_PROMPT: costs $1 and $ARGUMENTS at $TIMESTAMP',
    );
  });

  it('appends arguments to a template with no argument placeholder, and nothing when there are none', () => {
    expect(expandSlashCommand(COMMANDS, '/prime the database layer', NOW)?.prompt).toBe(
      'Read the README.\n\nARGUMENTS: the database layer',
    );
    expect(expandSlashCommand(COMMANDS, '/prime', NOW)?.prompt).toBe('Read the README.');
  });

  it('leaves $10 and $ARGUMENTSX alone', () => {
    const commands = [command('x', '$10 $ARGUMENTSX $0 $1')];
    expect(expandSlashCommand(commands, '/x a', NOW)?.prompt).toBe('$10 $ARGUMENTSX $0 a');
  });

  it('matches names case-insensitively, with colons', () => {
    expect(expandSlashCommand(COMMANDS, '/PLAN x', NOW)?.command.name).toBe('plan');
    expect(expandSlashCommand(COMMANDS, '/experts:db:question "why?"', NOW)?.prompt).toBe('Q=why?');
  });

  it.each([
    ['an unknown command', '/deploy now'],
    ['a command name that runs on', '/planning x'],
    ['a command not at the start', 'please /plan this'],
    ['a command on a later line', 'first line\n/plan x'],
    ['a path', '/usr/bin/env'],
    ['plain text', 'hello'],
    ['an empty string', ''],
    ['a lone slash', '/'],
  ])('returns undefined for %s', (_label, text) => {
    expect(expandSlashCommand(COMMANDS, text, NOW)).toBeUndefined();
  });

  it('uses the current time when none is given', () => {
    const prompt = expandSlashCommand(COMMANDS, '/review', undefined)?.prompt ?? '';
    expect(prompt).toMatch(/FILE=review_\d{8}_\d{6}\.md$/);
  });
});
