/**
 * Expertise documents: what an expert agent has learned about one domain of an orchestrator's
 * project (act → learn → reuse). Each change is a new version with its diff, so the history of
 * what was learned, by whom and why stays readable.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orchestrators } from './schema.ts';

export const expertiseDocuments = pgTable(
  'expertise_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orchestratorId: uuid('orchestrator_id')
      .notNull()
      .references(() => orchestrators.id, { onDelete: 'cascade' }),
    /** Short name of the domain, e.g. `websocket` or `database`. */
    domain: text('domain').notNull(),
    content: text('content').notNull(),
    version: integer('version').notNull().default(1),
    /** An update that would make the document longer is refused, so it stays a digest. */
    maxLines: integer('max_lines').notNull().default(1000),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('expertise_documents_domain_idx').on(t.orchestratorId, t.domain),
    check('expertise_documents_max_lines_check', sql`${t.maxLines} > 0`),
  ],
);

export const expertiseVersions = pgTable(
  'expertise_versions',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => expertiseDocuments.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    content: text('content').notNull(),
    /** Unified diff from the previous version (for the first, from an empty document). */
    diff: text('diff').notNull(),
    linesAdded: integer('lines_added').notNull().default(0),
    linesRemoved: integer('lines_removed').notNull().default(0),
    /** Who changed it: `user`, an agent's name, or `self-improve`. */
    author: text('author').notNull(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.version] }),
    index('expertise_versions_created_idx').on(t.documentId, t.createdAt),
  ],
);
