/**
 * Remote MCP servers an orchestrator's agents may use. Secrets (a bearer token, OAuth client
 * secret or tokens) are stored only as AES-GCM ciphertext; the tool list is cached with its time.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orchestrators } from './schema.ts';

export type McpAuthKind = 'none' | 'bearer' | 'oauth';

export const mcpServers = pgTable(
  'mcp_servers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orchestratorId: uuid('orchestrator_id')
      .notNull()
      .references(() => orchestrators.id, { onDelete: 'cascade' }),
    /** The namespace of its tools for agents: `mcp__<name>__<tool>`. */
    name: text('name').notNull(),
    url: text('url').notNull(),
    authKind: text('auth_kind').$type<McpAuthKind>().notNull().default('none'),
    /** Encrypted secret material (never returned by the API); null when auth_kind is none. */
    secretCiphertext: text('secret_ciphertext'),
    /** Non-secret OAuth settings (client id, token endpoint, scopes). */
    oauthConfig: jsonb('oauth_config').$type<Record<string, unknown>>(),
    enabled: boolean('enabled').notNull().default(true),
    toolsCache: jsonb('tools_cache').$type<unknown[]>().notNull().default([]),
    toolsCachedAt: timestamp('tools_cached_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mcp_servers_name_idx').on(t.orchestratorId, t.name),
    check('mcp_servers_auth_kind_check', sql`${t.authKind} in ('none', 'bearer', 'oauth')`),
  ],
);
