import { describe, expect, it } from 'vitest';
import { withoutRepeatedBindings } from './wrangler-output.ts';

const table = (...rows: string[]): string =>
  ['Your Worker has access to the following bindings:', 'Binding    Resource', ...rows, '', ''].join('\n');

function filtered(chunks: string[]): string {
  let shown = '';
  const filter = withoutRepeatedBindings((text) => {
    shown += text;
  });
  for (const chunk of chunks) filter.push(chunk);
  filter.end();
  return shown;
}

describe('withoutRepeatedBindings', () => {
  it('shows the first bindings table and drops an identical one after a registry update', () => {
    const first = table('env.ASSETS   Assets');
    const shown = filtered([
      ' ⛅️ wrangler\n',
      first,
      '⎔ Starting local server...\n',
      '\u001b[2m⎔ Connection status updated\u001b[22m\n',
      first,
      '[wrangler:info] Ready on http://127.0.0.1:8787\n',
    ]);
    expect(shown).toBe(
      [
        ' ⛅️ wrangler',
        first.trimEnd(),
        '',
        '⎔ Starting local server...',
        '[wrangler:info] Ready on http://127.0.0.1:8787',
        '',
      ].join('\n'),
    );
  });

  it('shows a table that changed (the configuration was edited)', () => {
    const shown = filtered([table('env.A   Variable'), table('env.A   Variable', 'env.B   Variable')]);
    expect(shown).toContain('env.B');
    expect(shown.match(/following bindings/g)).toHaveLength(2);
  });

  it('joins lines split across chunks and keeps a last line without a newline', () => {
    expect(filtered(['[wrangler:in', 'fo] GET /api/health 200\nlast'])).toBe(
      '[wrangler:info] GET /api/health 200\nlast\n',
    );
  });
});
