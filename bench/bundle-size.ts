/**
 * bundle-size: what the Worker upload weighs and which dependency makes it, from the same build
 * `npm run deploy` uploads: `wrangler deploy --dry-run --minify` into a scratch folder, with
 * esbuild's metafile. Prints the upload's raw and gzip size as wrangler counts them (every module
 * concatenated, then gzipped; the module order may move the gzip figure by a few KiB from the one
 * wrangler prints) against the target, gzip ≤ 300 KB, and the raw bytes each package or `src/`
 * folder leaves in the output, biggest first.
 * Needs no database and no network.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { type BundleModule, dependencyRows, type Metafile } from './lib/bundle-report.ts';
import { formatTable } from './lib/format.ts';
import { writeResult } from './lib/results.ts';
import type { Scenario } from './lib/scenario.ts';

const TARGET_GZIP_BYTES = 300 * 1000;
const root = fileURLToPath(new URL('..', import.meta.url));
const wrangler = join(root, 'node_modules/.bin/wrangler');
const ENTRY = 'worker.js';
const METAFILE = 'bundle-meta.json';
/** Wrangler writes a note for humans into the out folder; it is not uploaded. */
const NOT_UPLOADED = new Set([METAFILE, 'README.md', `${ENTRY}.map`]);
/** Wrangler prefixes each additional module with its content hash. */
const HASH_PREFIX = /^[0-9a-f]{40}-/;

interface Build {
  modules: BundleModule[];
  metafile: Metafile;
}

async function buildLikeDeploy(): Promise<Build> {
  const outdir = await mkdtemp(join(tmpdir(), 'bundle-size-'));
  try {
    await promisify(execFile)(
      wrangler,
      ['deploy', '--dry-run', '--minify', '--outdir', outdir, '--metafile', join(outdir, METAFILE)],
      { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, maxBuffer: 16 << 20 },
    );
    const names = (await readdir(outdir)).filter((name) => !NOT_UPLOADED.has(name)).sort();
    // The entry first, as wrangler sends it.
    names.sort((a, b) => Number(b === ENTRY) - Number(a === ENTRY));
    const modules = await Promise.all(
      names.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(join(outdir, name))) })),
    );
    const metafile = JSON.parse(await readFile(join(outdir, METAFILE), 'utf8')) as Metafile;
    return { modules, metafile };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

const kib = (bytes: number): string => (bytes / 1024).toFixed(1);
const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;

async function run(): Promise<void> {
  const { modules, metafile } = await buildLikeDeploy();
  const all = Buffer.concat(modules.map((module) => module.bytes));
  const raw = all.length;
  const gzip = gzipSync(all).length;
  const entry = modules.find((module) => module.name === ENTRY);
  const textModules = modules
    .filter((module) => module !== entry)
    .map((module) => ({ ...module, name: module.name.replace(HASH_PREFIX, '') }));
  const rows = dependencyRows(metafile, textModules, raw);

  console.log(
    `Upload: ${modules.length} modules, ${kib(raw)} KiB raw, ${kib(gzip)} KiB gzip ` +
      `(${(gzip / 1000).toFixed(1)} KB; target ≤ ${TARGET_GZIP_BYTES / 1000} KB: ` +
      `${gzip <= TARGET_GZIP_BYTES ? 'met' : 'missed'}). worker.js alone: ${kib(entry?.bytes.length ?? 0)} KiB raw, ` +
      `${kib(entry ? gzipSync(entry.bytes).length : 0)} KiB gzip.\n`,
  );
  console.log('Raw bytes in the upload per dependency (minified), biggest first:\n');
  console.log(
    formatTable(
      ['dependency', 'KiB', 'share'],
      rows.map((row) => [row.name, kib(row.bytes), percent(row.share)]),
      ['left', 'right', 'right'],
    ),
  );
  const path = await writeResult('bundle-size', {
    modules: modules.length,
    rawBytes: raw,
    gzipBytes: gzip,
    targetGzipBytes: TARGET_GZIP_BYTES,
    dependencies: rows,
  });
  console.log(`\nWritten to ${path}`);
}

export const bundleSize: Scenario = {
  name: 'bundle-size',
  summary: 'Worker upload size (raw, gzip) and the bytes each dependency puts in it',
  database: false,
  run,
};
