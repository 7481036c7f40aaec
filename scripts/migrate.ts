/**
 * `npm run db:migrate`: applies the SQL in `migrations/` to `DATABASE_URL` (Neon in production, any
 * PostgreSQL locally). Idempotent: already-applied migrations are skipped.
 */
import { migratePostgres } from './local/migrations.ts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error(
    'DATABASE_URL is not set. Example: DATABASE_URL=postgres://user:pass@host/db npm run db:migrate',
  );
  process.exit(2);
}
const host = new URL(databaseUrl).host;
try {
  await migratePostgres(databaseUrl);
  console.log(`migrations applied to ${host}`);
} catch (error) {
  console.error(`migrations failed on ${host}:`, error instanceof Error ? error.message : error);
  process.exit(1);
}
