/**
 * The data layer stores model and tool text whatever it holds: NUL and lone surrogates, which a
 * Postgres `text` column or a `jsonb` value refuses, are replaced with U+FFFD by the insert helpers,
 * so no write fails and no batch is lost. Workspace files are text: such content is refused as a
 * whole, with nothing written.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { insertAgent } from '../src/db/agents.ts';
import { chatPage, insertChatMessage } from '../src/db/chat.ts';
import { writeSummaries } from '../src/db/event-summaries.ts';
import { appendEvents, eventsAfter, searchEvents } from '../src/db/events.ts';
import { insertOrchestrator } from '../src/db/orchestrators.ts';
import { insertPrompt, setPromptStatus } from '../src/db/prompts.ts';
import { prompts, workspaceFiles, workspaceFileVersions } from '../src/db/schema.ts';
import { insertSystemLog, recentSystemLogs } from '../src/db/system-logs.ts';
import { WorkspaceError } from '../src/workspace/errors.ts';
import { writeFile } from '../src/workspace/store.ts';
import { withDatabase } from './helpers/api.ts';

const BAD = 'a\u0000b\uD800c';
const CLEAN = 'a\uFFFDb\uFFFDc';

const base = (orchestratorId: string, seq: number) => ({
  orchestratorId,
  seq,
  type: 'text',
  category: 'response',
  createdAt: new Date(),
});

describe('storing model and tool text', () => {
  it('events: a batch with NUL and lone surrogates in data, keys and summary is stored, cleaned', async () => {
    await withDatabase(async (db) => {
      const { id } = await insertOrchestrator(db, { name: 'text-safety-events', model: 'opus' });
      await appendEvents(db, [
        { ...base(id, 1), data: { text: 'fine' } },
        {
          ...base(id, 2),
          summary: BAD,
          data: { input: { content: BAD, list: [BAD] }, [`key${BAD}`]: 1 },
        },
      ]);
      const [first, second] = await eventsAfter(db, id, 0, 10);
      expect(first?.data).toEqual({ text: 'fine' });
      expect(second?.summary).toBe(CLEAN);
      expect(second?.data).toEqual({ input: { content: CLEAN, list: [CLEAN] }, [`key${CLEAN}`]: 1 });
      // The stored text is searchable like any other.
      expect(
        (await searchEvents(db, id, { afterSeq: 0, limit: 10, text: '\uFFFDb' })).map((e) => e.seq),
      ).toEqual([2]);
    });
  });

  it('event summaries written by the summariser', async () => {
    await withDatabase(async (db) => {
      const { id } = await insertOrchestrator(db, { name: 'text-safety-summaries', model: 'opus' });
      await appendEvents(db, [base(id, 1)]);
      expect(await writeSummaries(db, id, [{ seq: 1, summary: BAD }])).toEqual([{ seq: 1, summary: CLEAN }]);
    });
  });

  it('chat messages, system logs, agents and their commands', async () => {
    await withDatabase(async (db) => {
      const { id } = await insertOrchestrator(db, { name: 'text-safety-rows', model: 'opus' });
      await insertChatMessage(db, {
        orchestratorId: id,
        sender: 'orchestrator',
        kind: 'tool_use',
        content: BAD,
        data: { tool_input: { system_prompt: BAD } },
      });
      const [message] = await chatPage(db, id, { limit: 1 });
      expect(message).toMatchObject({ content: CLEAN, data: { tool_input: { system_prompt: CLEAN } } });

      await insertSystemLog(db, { orchestratorId: id, level: 'error', message: BAD, details: { why: BAD } });
      const logs = await recentSystemLogs(db, id, { limit: 5, contains: 'a\u0000b' });
      expect(logs.map((log) => [log.message, log.details])).toEqual([[CLEAN, { why: CLEAN }]]);

      const agent = await insertAgent(db, {
        orchestratorId: id,
        name: 'writer',
        model: 'sonnet',
        systemPrompt: BAD,
      });
      expect(agent?.systemPrompt).toBe(CLEAN);
      const prompt = await insertPrompt(db, {
        orchestratorId: id,
        agentId: agent?.id ?? '',
        author: 'orchestrator',
        text: BAD,
      });
      expect(prompt.text).toBe(CLEAN);
      await setPromptStatus(db, prompt.id, 'failed', BAD);
      const [row] = await db.select().from(prompts).where(eq(prompts.id, prompt.id));
      expect(row?.error).toBe(CLEAN);
    });
  });
});

describe('workspace files', () => {
  it.each([
    ['NUL', 'binary\u0000data', 'U+0000 (NUL)'],
    ['a lone surrogate', 'half \uD83D of an emoji', 'U+D83D (a lone surrogate)'],
  ])('refuses content with %s, naming it, and writes no file or version', async (_label, content, label) => {
    await withDatabase(async (db) => {
      const { id } = await insertOrchestrator(db, { name: 'text-safety-files', model: 'opus' });
      const error = await writeFile(db, id, 'bin/data.txt', content).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkspaceError);
      expect((error as WorkspaceError).code).toBe('not_text');
      expect((error as WorkspaceError).message).toContain(label);
      // An edit computed under the row lock is refused too: its transaction rolls back the placeholder.
      const edited = await writeFile(db, id, 'bin/edit.txt', () => content).catch((e: unknown) => e);
      expect((edited as WorkspaceError).code).toBe('not_text');
      const files = await db.select().from(workspaceFiles).where(eq(workspaceFiles.orchestratorId, id));
      expect(files).toHaveLength(0);
    });
  });

  it('refuses an edit that would add NUL to an existing file, keeping its version', async () => {
    await withDatabase(async (db) => {
      const { id } = await insertOrchestrator(db, { name: 'text-safety-edit', model: 'opus' });
      await writeFile(db, id, 'a.txt', 'one\n');
      const error = await writeFile(db, id, 'a.txt', (current) => `${current?.content}\u0000`).catch(
        (e: unknown) => e,
      );
      expect((error as WorkspaceError).code).toBe('not_text');
      const [file] = await db.select().from(workspaceFiles).where(eq(workspaceFiles.orchestratorId, id));
      expect(file?.currentVersion).toBe(1);
      const versions = await db
        .select()
        .from(workspaceFileVersions)
        .where(eq(workspaceFileVersions.fileId, file?.id ?? ''));
      expect(versions.map((v) => v.content)).toEqual(['one\n']);
    });
  });
});
