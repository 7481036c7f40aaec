import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import type { Plugin } from 'vite';
import type { ProvidedContext } from 'vitest';
import { configDefaults, defineConfig } from 'vitest/config';
import { SCOPED_TOKEN_ENTRIES, TEST_API_TOKENS } from './test/helpers/tokens.ts';

/** 32 random bytes, base64url: the form src/crypto/secret-box.ts imports. */
const TEST_SECRETS_KEY = randomBytes(32).toString('base64url');

type Inject = <Key extends keyof ProvidedContext>(key: Key) => ProvidedContext[Key];

/**
 * wrangler.toml's `Text` rule for Node: a Markdown or CSV import is the file's text (the catalog
 * bundles its agent and command definitions this way, and sample data its CSV files).
 */
function markdownAsText(): Plugin {
  return {
    name: 'markdown-as-text',
    enforce: 'pre',
    async load(id) {
      if (!id.endsWith('.md') && !id.endsWith('.csv')) return null;
      return `export default ${JSON.stringify(await readFile(id, 'utf8'))};`;
    },
  };
}

/**
 * The Worker, its Durable Object and its queue consumer, inside workerd, against a real database.
 * Both workerd projects list the same global setup; it starts the database and the model emulator
 * once per run and gives every project the same addresses (see test/global-setup.ts).
 */
function workerdProject(options: {
  name: string;
  include: string[];
  exclude?: string[];
  bindings?: (inject: Inject) => Record<string, string>;
}) {
  return {
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          // Vitest's own runner imports node:inspector; the Worker itself needs no Node APIs,
          // and CI's `wrangler deploy --dry-run` proves it bundles without them.
          compatibilityFlags: ['nodejs_compat'],
          bindings: {
            API_TOKENS: [...TEST_API_TOKENS, ...SCOPED_TOKEN_ENTRIES].join(','),
            // A fresh key per run: what a test seals is opened within the same run.
            SECRETS_KEY: TEST_SECRETS_KEY,
            DATABASE_URL: inject('databaseUrl'),
            PG_WS_PROXY: inject('pgRelay'),
            // Alpaca is the emulator (test/alpaca-emulator): one server answers trading and market data.
            ALPACA_TRADING_BASE_URL: inject('alpacaBaseUrl'),
            ALPACA_DATA_BASE_URL: inject('alpacaBaseUrl'),
            // Alpaca's market-data WebSocket stream is its own emulator (test/alpaca-stream).
            ALPACA_STREAM_BASE_URL: inject('alpacaStreamUrl'),
            ...options.bindings?.(inject),
          },
        },
      })),
    ],
    test: {
      name: options.name,
      include: options.include,
      exclude: [...configDefaults.exclude, ...(options.exclude ?? [])],
      globalSetup: ['./test/global-setup.ts'],
      testTimeout: 20_000,
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [markdownAsText()],
        // Tests beside the modules in src/ are pure (no bindings, no `cloudflare:*` imports, no
        // Durable Object, no database): plain Node, milliseconds. A test there that does need the
        // runtime is named `*.workerd.test.ts` and runs in `workers` instead.
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'src/**/*.workerd.test.ts'],
        },
      },
      workerdProject({
        name: 'workers',
        include: ['src/**/*.workerd.test.ts', 'test/**/*.test.ts'],
        exclude: ['test/offline/**', 'test/emulator/**', 'test/browser/**'],
        // The model is the Messages API emulator (test/emulator), scripted per test.
        bindings: (inject) => ({
          ANTHROPIC_BASE_URL: inject('anthropicBaseUrl'),
          ANTHROPIC_API_KEY: 'test-key',
        }),
      }),
      // No model configured: the Worker falls back to the built-in offline model, end to end. Empty
      // (not absent) so that a developer's .env / .dev.vars, which wrangler also loads, cannot leak in.
      workerdProject({
        name: 'workers-offline',
        include: ['test/offline/**/*.test.ts'],
        bindings: () => ({ ANTHROPIC_BASE_URL: '', ANTHROPIC_API_KEY: '' }),
      }),
      {
        // The web console's pure modules (stream client, event filters, batching): plain Node, fast.
        test: {
          name: 'web',
          environment: 'node',
          include: ['web/src/**/*.test.ts'],
        },
      },
      {
        // Node-side tooling: the relay and embedded PGlite server standing in for Neon, and the
        // Messages API emulator.
        test: {
          name: 'local-tooling',
          environment: 'node',
          include: ['scripts/**/*.test.ts', 'test/emulator/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        // The web console in Debian's chromium (playwright-core) against the real local stack: the
        // built console (web/dist), wrangler dev, the embedded PGlite and the offline model
        // (test/browser/harness). One stack per file; files one at a time (each boots wrangler).
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
