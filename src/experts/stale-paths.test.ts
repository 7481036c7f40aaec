import { describe, expect, it } from 'vitest';
import { mentionedPaths, pathExists, removeStaleLines } from './stale-paths.ts';

describe('mentionedPaths', () => {
  it.each([
    ['- server: src/ws.ts (hibernatable).', ['src/ws.ts']],
    ['see ./lib/a.js, then web/src/ for the client', ['lib/a.js', 'web/src/']],
    ['the `README.md` and `package.json` files', ['README.md', 'package.json']],
    ['docs at https://example.com/a/b.html', []],
    ['Node.js and Vue.js, e.g. version 1.2', []],
    ['src/ws.ts:42 throws', ['src/ws.ts']],
  ])('%j mentions %j', (line, paths) => {
    expect(mentionedPaths(line)).toEqual(paths);
  });
});

describe('pathExists', () => {
  const files = new Set(['src/ws.ts', 'web/src/app.ts']);
  it('knows files, and directories some file is under', () => {
    expect(pathExists('src/ws.ts', files)).toBe(true);
    expect(pathExists('web/src/', files)).toBe(true);
    expect(pathExists('web', files)).toBe(true);
    expect(pathExists('src/w', files)).toBe(false);
    expect(pathExists('src/old.ts', files)).toBe(false);
  });
});

describe('removeStaleLines', () => {
  it('removes each line naming a missing path and keeps the rest as they were', () => {
    const doc = '# WebSocket\n- server: src/ws.ts\n- legacy: src/old-socket.ts\n- tests in test/\n';
    const report = removeStaleLines(doc, new Set(['src/ws.ts', 'test/ws.test.ts']));
    expect(report.content).toBe('# WebSocket\n- server: src/ws.ts\n- tests in test/\n');
    expect(report.stale).toEqual([
      { line: 3, text: '- legacy: src/old-socket.ts', missing: ['src/old-socket.ts'] },
    ]);
    expect(report.mentioned).toBe(3);
  });

  it('leaves a current document unchanged', () => {
    const doc = 'Uses `README.md`.\n';
    expect(removeStaleLines(doc, new Set(['README.md']))).toEqual({ content: doc, stale: [], mentioned: 1 });
  });
});
