/**
 * `npm run api:snapshot`: writes the API's OpenAPI document to web/src/api/openapi.json and the web
 * console's types generated from it to web/src/api/schema.d.ts, with no server and no network for the
 * first step: the Worker is bundled in memory (Vite, SSR build) and asked for /api/openapi.json.
 *
 * The types come from openapi-typescript, installed with TypeScript 5 in tools/typescript5 (its own
 * lockfile, installed by the root's postinstall): it needs TypeScript's JavaScript API, which the repo's
 * TypeScript 7 (native) does not have, and npm cannot give one dev dependency a different peer
 * `typescript` than the root's. test/web-openapi-snapshot.test.ts
 * fails when the committed document no longer matches the server.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin, type Rolldown } from 'vite';
import { normalizeOpenApiDocument } from '../web/src/api/normalize-openapi.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const snapshotFile = join(root, 'web/src/api/openapi.json');
const typesFile = join(root, 'web/src/api/schema.d.ts');

/**
 * What wrangler.toml's `[[rules]] type = "Text"` does for the catalog's markdown and the bundled CSV
 * data, and a stand-in for the runtime module.
 */
const workerModules: Plugin = {
  name: 'worker-modules',
  enforce: 'pre',
  resolveId(id) {
    return id === 'cloudflare:workers' ? '\0cloudflare-workers' : null;
  },
  load(id) {
    if (id === '\0cloudflare-workers')
      return 'export class DurableObject { constructor(ctx, env) { this.ctx = ctx; this.env = env; } }';
    if (id.endsWith('.md') || id.endsWith('.csv'))
      return `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`;
    return null;
  },
};

async function openApiDocument(): Promise<unknown> {
  const output = (await build({
    root,
    configFile: false,
    logLevel: 'warn',
    plugins: [workerModules],
    ssr: { noExternal: true, target: 'webworker' },
    build: {
      ssr: join(root, 'src/worker.ts'),
      write: false,
      minify: false,
      rollupOptions: { output: { format: 'es' } },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const chunk = (Array.isArray(output) ? output[0] : output)?.output.find((item) => item.type === 'chunk');
  if (chunk?.type !== 'chunk') throw new Error('the Worker bundle is empty');
  const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
  try {
    const file = join(dir, 'worker.mjs');
    writeFileSync(file, chunk.code);
    const worker = (await import(pathToFileURL(file).href)) as {
      default: { fetch(request: Request, env: unknown, ctx: unknown): Promise<Response> };
    };
    const ctx = { waitUntil() {}, passThroughOnException() {} };
    const response = await worker.default.fetch(new Request('http://localhost/api/openapi.json'), {}, ctx);
    if (!response.ok) throw new Error(`/api/openapi.json answered ${response.status}`);
    return await response.json();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const document = normalizeOpenApiDocument(await openApiDocument());
writeFileSync(snapshotFile, `${JSON.stringify(document, null, 2)}\n`);
console.log(`wrote ${snapshotFile}`);
execFileSync(
  join(root, 'tools/typescript5/node_modules/.bin/openapi-typescript'),
  [snapshotFile, '-o', typesFile, '--default-non-nullable', 'false'],
  { cwd: root, stdio: 'inherit' },
);
