import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: it needs no database. Migrations are applied by `npm run db:migrate`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema*.ts',
  out: './migrations',
});
