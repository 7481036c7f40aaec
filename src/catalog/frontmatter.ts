/**
 * A small, strict parser for the YAML frontmatter of the bundled agent templates and slash commands.
 *
 * Why not the `yaml` package: it adds ~100 KB minified to the Worker bundle, for a syntax we write
 * ourselves. This accepts exactly that syntax, and anything else is an error naming the file and line
 * (so a typo fails the catalog test instead of silently meaning something else):
 *
 *   ---
 *   # a comment line
 *   key: plain scalar            (no leading `[ { & * ! | > % @ \`` or `- `, no `: ` or ` #` inside)
 *   key: 'single quoted'         ('' is a quote)
 *   key: "double quoted"         (\" \\ \n \t escapes)
 *   key: [a, 'b c', "d"]         (inline list of scalars; [] is empty)
 *   key:
 *     - item                     (block list of scalars; the dash may also sit at the key's indent)
 *   ---
 *   body…
 *
 * Values are strings or lists of strings: there are no numbers, booleans or nulls (the schemas decide
 * what a string means). Splitting a comma-separated string such as `allowed-tools: a, b` into a list is
 * the schema's job too, because only some keys take lists.
 */

export type FrontmatterValue = string | string[];

export interface ParsedMarkdown {
  /** The keys in file order. */
  data: Record<string, FrontmatterValue>;
  /** Everything after the closing fence, without leading blank lines and trailing whitespace. */
  body: string;
}

export class FrontmatterError extends Error {
  override readonly name = 'FrontmatterError';

  constructor(
    readonly file: string,
    /** 1-based line in the file (the opening fence is line 1). */
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

const FENCE = '---';
const KEY = /^([A-Za-z][A-Za-z0-9_-]*):(?:[ \t]+(.*))?$/;
const LIST_ITEM = /^[ \t]*-(?:[ \t]+(.*))?$/;
// YAML gives these a meaning at the start of a plain scalar (anchors, tags, block scalars, flow maps…).
const RESERVED_START = /^[[\]{}&*!|>%@`,]/;

export function parseFrontmatter(source: string, file: string): ParsedMarkdown {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trimEnd() !== FENCE) {
    throw new FrontmatterError(file, 1, `expected the opening '${FENCE}' fence on the first line`);
  }
  const close = lines.findIndex((line, index) => index > 0 && line.trimEnd() === FENCE);
  if (close === -1) {
    throw new FrontmatterError(file, lines.length, `no closing '${FENCE}' fence`);
  }

  const data: Record<string, FrontmatterValue> = {};
  // The key whose value is a block list still being read, if any.
  let openList: { key: string; line: number; items: string[] } | undefined;
  const closeList = () => {
    if (openList && openList.items.length === 0) {
      throw new FrontmatterError(file, openList.line, `'${openList.key}' has no value`);
    }
    openList = undefined;
  };

  for (let index = 1; index < close; index++) {
    const text = lines[index] ?? '';
    const lineNo = index + 1;
    if (text.trim() === '' || /^[ \t]*#/.test(text)) continue;

    const item = LIST_ITEM.exec(text);
    if (item) {
      if (!openList) throw new FrontmatterError(file, lineNo, 'a list item must follow a key with no value');
      const value = item[1]?.trim();
      if (!value) throw new FrontmatterError(file, lineNo, 'empty list item');
      openList.items.push(parseScalar(value, file, lineNo));
      continue;
    }

    if (/^[ \t]/.test(text)) {
      throw new FrontmatterError(file, lineNo, 'unexpected indentation (nested values are not supported)');
    }
    closeList();
    const entry = KEY.exec(text);
    if (!entry)
      throw new FrontmatterError(file, lineNo, `expected 'key: value', got ${JSON.stringify(text)}`);
    const key = entry[1] ?? '';
    if (Object.hasOwn(data, key)) throw new FrontmatterError(file, lineNo, `duplicate key '${key}'`);
    const raw = entry[2]?.trim() ?? '';
    if (raw === '') {
      const items: string[] = [];
      data[key] = items;
      openList = { key, line: lineNo, items };
    } else if (raw.startsWith('[')) {
      data[key] = parseInlineList(raw, file, lineNo);
    } else {
      data[key] = parseScalar(raw, file, lineNo);
    }
  }
  closeList();

  const body = lines
    .slice(close + 1)
    .join('\n')
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd();
  return { data, body };
}

/** One scalar that makes up the whole of `text` (already trimmed). */
function parseScalar(text: string, file: string, line: number): string {
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const { value, end } = readQuoted(text, 0, file, line);
    if (end !== text.length) {
      throw new FrontmatterError(file, line, `unexpected text after the closing quote: ${text.slice(end)}`);
    }
    return value;
  }
  return checkPlain(text, file, line);
}

function checkPlain(text: string, file: string, line: number): string {
  if (RESERVED_START.test(text) || /^[-?:](?:[ \t]|$)/.test(text)) {
    throw new FrontmatterError(
      file,
      line,
      `quote the value ${JSON.stringify(text)} (it starts with '${text[0]}')`,
    );
  }
  if (text.includes(': ') || text.endsWith(':')) {
    throw new FrontmatterError(file, line, `quote the value ${JSON.stringify(text)} (it contains ': ')`);
  }
  if (text.includes(' #')) {
    throw new FrontmatterError(file, line, `quote the value ${JSON.stringify(text)} (' #' starts a comment)`);
  }
  return text;
}

/** A quoted scalar starting at `start`; returns its value and the index just after the closing quote. */
function readQuoted(text: string, start: number, file: string, line: number): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const char = text[i];
    if (quote === "'" && char === "'") {
      if (text[i + 1] !== "'") return { value, end: i + 1 };
      value += "'";
      i += 2;
    } else if (quote === '"' && char === '"') {
      return { value, end: i + 1 };
    } else if (quote === '"' && char === '\\') {
      const escaped = DOUBLE_QUOTE_ESCAPES[text[i + 1] ?? ''];
      if (escaped === undefined) {
        throw new FrontmatterError(
          file,
          line,
          `unsupported escape '\\${text[i + 1] ?? ''}' (use \\" \\\\ \\n \\t)`,
        );
      }
      value += escaped;
      i += 2;
    } else {
      value += char;
      i++;
    }
  }
  throw new FrontmatterError(file, line, `unterminated ${quote === '"' ? 'double' : 'single'}-quoted string`);
}

const DOUBLE_QUOTE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n', t: '\t' };

/** `[a, 'b, c', "d"]`: a flat list of scalars, the whole of `text`. */
function parseInlineList(text: string, file: string, line: number): string[] {
  const items: string[] = [];
  let i = 1;
  const skipSpaces = () => {
    while (text[i] === ' ' || text[i] === '\t') i++;
  };
  skipSpaces();
  if (text[i] === ']') {
    i++;
  } else {
    for (;;) {
      skipSpaces();
      const char = text[i];
      if (char === '"' || char === "'") {
        const quoted = readQuoted(text, i, file, line);
        items.push(quoted.value);
        i = quoted.end;
      } else {
        let end = i;
        while (end < text.length && text[end] !== ',' && text[end] !== ']') end++;
        const plain = text.slice(i, end).trim();
        if (plain === '') throw new FrontmatterError(file, line, `empty item in the list ${text}`);
        if (/["'[{]/.test(plain)) {
          throw new FrontmatterError(file, line, `unexpected quote or bracket in the list item ${plain}`);
        }
        items.push(checkPlain(plain, file, line));
        i = end;
      }
      skipSpaces();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        break;
      }
      throw new FrontmatterError(file, line, `expected ',' or ']' in the list ${text}`);
    }
  }
  if (i !== text.length) {
    throw new FrontmatterError(
      file,
      line,
      `unexpected text after the list: ${text.slice(i)} (quote the value?)`,
    );
  }
  return items;
}
