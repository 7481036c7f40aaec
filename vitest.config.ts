import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { TEST_API_TOKENS } from './test/helpers/tokens.ts';

export default defineConfig({
  test: {
    projects: [
      {
        // The Worker, its Durable Object and its queue consumer, inside workerd, against a real database.
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              // Vitest's own runner imports node:inspector; the Worker itself needs no Node APIs,
              // and CI's `wrangler deploy --dry-run` proves it bundles without them.
              compatibilityFlags: ['nodejs_compat'],
              bindings: {
                API_TOKENS: TEST_API_TOKENS.join(','),
                DATABASE_URL: inject('databaseUrl'),
                PG_WS_PROXY: inject('pgRelay'),
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['./test/global-setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        // The local tooling that stands in for Neon: the relay and the embedded PGlite server.
        test: {
          name: 'local-tooling',
          environment: 'node',
          include: ['scripts/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
