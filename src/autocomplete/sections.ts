/**
 * The autocomplete prompt's context as tagged sections: a `<name>` line, one JSON value per line, a
 * `</name>` line. JSON keeps whatever a person typed (newlines, angle brackets, quotes) on one line,
 * so a value can never close a section early; a model reads it as easily as prose, and the offline
 * model (src/model/offline/autocomplete.ts) reads it back with `readSections`.
 */

export type Sections = Map<string, unknown[]>;

/** One section, or nothing when it has no values (an empty section only costs tokens). */
export function section(name: string, values: readonly unknown[]): string[] {
  if (values.length === 0) return [];
  return [`<${name}>`, ...values.map((value) => JSON.stringify(value)), `</${name}>`];
}

/** Every well-formed section of a text, by name; lines that are not JSON are skipped. */
export function readSections(text: string): Sections {
  const sections: Sections = new Map();
  let open: { name: string; values: unknown[] } | undefined;
  for (const line of text.split('\n')) {
    const tag = /^<(\/?)([a-z_]+)>$/.exec(line.trim());
    if (tag?.[2]) {
      if (tag[1] === '' && !open) open = { name: tag[2], values: [] };
      else if (tag[1] === '/' && open?.name === tag[2]) {
        sections.set(open.name, [...(sections.get(open.name) ?? []), ...open.values]);
        open = undefined;
      }
      continue;
    }
    if (!open) continue;
    try {
      open.values.push(JSON.parse(line));
    } catch {
      // Not one of ours: a section holds JSON lines only.
    }
  }
  return sections;
}

/** The string values of a section. */
export function stringsOf(sections: Sections, name: string): string[] {
  return (sections.get(name) ?? []).filter((value): value is string => typeof value === 'string');
}

/** The object values of a section. */
export function recordsOf(sections: Sections, name: string): Array<Record<string, unknown>> {
  return (sections.get(name) ?? []).filter(
    (value): value is Record<string, unknown> =>
      typeof value === 'object' && value !== null && !Array.isArray(value),
  );
}
