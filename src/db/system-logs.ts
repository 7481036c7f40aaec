/** Operational log lines of an orchestrator, readable by the orchestrator agent itself. */
import { and, desc, eq, ilike, inArray } from 'drizzle-orm';
import type { Database } from './client.ts';
import { containsPattern } from './like.ts';
import { type LogLevel, systemLogs } from './schema.ts';
import { storable, storableText } from './storable.ts';

export type SystemLogRow = typeof systemLogs.$inferSelect;

const LEVELS: LogLevel[] = ['debug', 'info', 'warning', 'error'];

/** Log lines quote model and tool text: stored with what Postgres refuses replaced (see storable.ts). */
export async function insertSystemLog(
  db: Database,
  entry: {
    orchestratorId: string;
    agentId?: string | undefined;
    level: LogLevel;
    message: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(systemLogs).values(storable({ ...entry, details: entry.details ?? {} }));
}

/**
 * Newest first; `level` means that level and above; `contains` is a case-insensitive substring. A model
 * writes `contains`: a NUL in it would fail the query, and could match nothing stored anyway.
 */
export async function recentSystemLogs(
  db: Database,
  orchestratorId: string,
  options: { limit: number; level?: LogLevel | undefined; contains?: string | undefined },
): Promise<SystemLogRow[]> {
  const levels = options.level ? LEVELS.slice(LEVELS.indexOf(options.level)) : undefined;
  return db
    .select()
    .from(systemLogs)
    .where(
      and(
        eq(systemLogs.orchestratorId, orchestratorId),
        levels ? inArray(systemLogs.level, levels) : undefined,
        options.contains
          ? ilike(systemLogs.message, containsPattern(storableText(options.contains)))
          : undefined,
      ),
    )
    .orderBy(desc(systemLogs.id))
    .limit(options.limit);
}
