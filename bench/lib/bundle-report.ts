/**
 * The bundle-size report, from wrangler's own build of the Worker: what the upload weighs (raw and
 * gzip, the way `wrangler deploy` counts it: every module concatenated, then gzipped) and, per
 * dependency, the bytes each npm package or `src/` folder leaves in the minified `worker.js`
 * (esbuild's metafile `bytesInOutput`). Text modules (`.md`, `.csv`) are uploaded beside
 * `worker.js`, so each is a row of its own.
 */

export interface BundleModule {
  name: string;
  bytes: Uint8Array;
}

/** The part of esbuild's metafile this report reads. */
export interface Metafile {
  outputs: Record<string, { entryPoint?: string; inputs: Record<string, { bytesInOutput: number }> }>;
}

export interface DependencyRow {
  name: string;
  bytes: number;
  /** Of all the upload's raw bytes. */
  share: number;
}

const NODE_MODULES = 'node_modules/';

/**
 * The npm package an input belongs to (`zod`, `@anthropic-ai/sdk`), a copy nested under another
 * package named with its path (`@modelcontextprotocol/server/node_modules/zod`), or for our own
 * code its `src/` folder (`src/routes`); esbuild's runtime helpers are `<runtime>`.
 */
export function dependencyOf(input: string): string {
  const last = input.lastIndexOf(NODE_MODULES);
  if (last === -1) {
    const parts = input.split('/');
    if (parts[0] === 'src' && parts.length > 2) return `src/${parts[1]}`;
    return input.startsWith('<') ? '<runtime>' : input;
  }
  const [scope = '', name = ''] = input.slice(last + NODE_MODULES.length).split('/');
  const packageName = scope.startsWith('@') ? `${scope}/${name}` : scope;
  const outer = input.slice(0, last);
  const first = outer.indexOf(NODE_MODULES);
  return first === -1
    ? packageName
    : `${outer.slice(first + NODE_MODULES.length)}${NODE_MODULES}${packageName}`;
}

/**
 * Rows biggest first: the entry output's inputs grouped by dependency, plus one row per text module
 * (`text: <file name>`). `totalBytes` is the whole upload, so the shares add up to 100 % with the
 * bytes esbuild spends on no input (the module's glue).
 */
export function dependencyRows(
  metafile: Metafile,
  textModules: readonly BundleModule[],
  totalBytes: number,
): DependencyRow[] {
  const output = Object.values(metafile.outputs).find((candidate) => candidate.entryPoint);
  if (!output) throw new Error('the metafile has no entry-point output');
  const bytes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = dependencyOf(input);
    bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
  }
  for (const module of textModules) bytes.set(`text: ${module.name}`, module.bytes.length);
  return [...bytes]
    .filter(([, size]) => size > 0)
    .map(([name, size]) => ({ name, bytes: size, share: size / totalBytes }))
    .sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
}
