import { describe, expect, it } from 'vitest';
import { FrontmatterError, parseFrontmatter } from './frontmatter.ts';

const doc = (...lines: string[]) => lines.join('\n');

describe('parseFrontmatter: valid forms', () => {
  it.each([
    ['a plain scalar', 'key: some value', 'some value'],
    ['trailing spaces trimmed', 'key: value   ', 'value'],
    ['an apostrophe inside a plain scalar', "key: the user's plan", "the user's plan"],
    ['a single-quoted scalar', "key: 'a: b # c'", 'a: b # c'],
    ["'' inside single quotes", "key: 'it''s'", "it's"],
    ['a double-quoted scalar', 'key: "[user prompt]"', '[user prompt]'],
    ['double-quote escapes', 'key: "say \\"hi\\" \\\\ \\n\\t"', 'say "hi" \\ \n\t'],
    ['a hex colour in quotes', 'key: "#2563eb"', '#2563eb'],
    ['an inline list', 'key: [a, b,c]', ['a', 'b', 'c']],
    ['an empty inline list', 'key: []', []],
    ['quoted inline items', `key: ['a, b', "c]", d e]`, ['a, b', 'c]', 'd e']],
    ['a comma string (split by the schema, not here)', 'key: read_file, list_files', 'read_file, list_files'],
  ])('%s', (_label, line, expected) => {
    expect(parseFrontmatter(doc('---', line, '---', 'Body'), 'f.md').data).toEqual({ key: expected });
  });

  it('reads block lists, indented or not, with blank and comment lines around', () => {
    const source = doc(
      '---',
      '# a comment',
      'tools:',
      '  - read_file',
      '',
      "  - 'write_file'",
      'other:',
      '- x',
      'name: n',
      '---',
    );
    expect(parseFrontmatter(source, 'f.md').data).toEqual({
      tools: ['read_file', 'write_file'],
      other: ['x'],
      name: 'n',
    });
  });

  it('returns the body without leading blank lines or trailing whitespace, keeping --- inside it', () => {
    const source = doc('---', 'a: b', '---', '', '', '# Title', '', '---', 'text', '', '');
    expect(parseFrontmatter(source, 'f.md').body).toBe('# Title\n\n---\ntext');
  });

  it('accepts CRLF line endings and a byte-order mark', () => {
    const parsed = parseFrontmatter('\uFEFF---\r\nkey: value\r\nlist:\r\n  - a\r\n---\r\nBody\r\n', 'f.md');
    expect(parsed).toEqual({ data: { key: 'value', list: ['a'] }, body: 'Body' });
  });

  it('allows an empty frontmatter block', () => {
    expect(parseFrontmatter('---\n---\nBody', 'f.md')).toEqual({ data: {}, body: 'Body' });
  });
});

describe('parseFrontmatter: errors name the file and line', () => {
  it.each([
    ['no opening fence', 'key: value\n---\nBody', 1, /opening '---'/],
    ['no closing fence', '---\nkey: value\nBody', 3, /no closing/],
    ['not key: value', '---\na: b\njust text\n---', 3, /expected 'key: value'/],
    ['no space after the colon', '---\nkey:value\n---', 2, /expected 'key: value'/],
    ['a duplicate key', '---\na: 1\nb: 2\na: 3\n---', 4, /duplicate key 'a'/],
    ['nested mapping', '---\na:\n  b: c\n---', 3, /indentation/],
    ['a key with no value', '---\na:\nb: c\n---', 2, /'a' has no value/],
    ['a key with no value at the end', '---\nb: c\na:\n---', 3, /'a' has no value/],
    ['a list item without a key', '---\na: b\n- c\n---', 3, /must follow a key/],
    ['an empty list item', '---\na:\n  -\n---', 3, /empty list item/],
    ['an unterminated double quote', '---\na: "abc\n---', 2, /unterminated double-quoted/],
    ['an unterminated single quote', "---\na: 'abc\n---", 2, /unterminated single-quoted/],
    ['text after a closing quote', '---\na: "abc" d\n---', 2, /after the closing quote/],
    ['an unknown escape', '---\na: "\\x"\n---', 2, /unsupported escape/],
    ['a flow mapping', '---\na: {b: c}\n---', 2, /quote the value/],
    ['an anchor', '---\na: &x y\n---', 2, /quote the value/],
    ['a block scalar', '---\na: |\n  text\n---', 2, /quote the value/],
    ['a colon-space in a plain scalar', '---\na: b: c\n---', 2, /contains ': '/],
    ['a comment after a plain scalar', '---\na: b # c\n---', 2, /starts a comment/],
    ['two unquoted lists ([a] [b])', '---\na: [user prompt] [plan path]\n---', 2, /after the list/],
    ['an unterminated inline list', '---\na: [b, c\n---', 2, /expected ',' or '\]'/],
    ['an empty inline item', '---\na: [b, , c]\n---', 2, /empty item/],
    ['a nested inline list', '---\na: [b, [c]]\n---', 2, /bracket/],
    ['a nested block list item', '---\na:\n  - [b]\n---', 3, /quote the value/],
    ['a dash scalar', '---\na: - b\n---', 2, /quote the value/],
  ])('%s', (_label, source, line, message) => {
    let caught: unknown;
    try {
      parseFrontmatter(source, 'src/x.md');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FrontmatterError);
    const error = caught as FrontmatterError;
    expect(error.file).toBe('src/x.md');
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`src/x.md:${line}: `)).toBe(true);
  });
});
