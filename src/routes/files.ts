/**
 * An orchestrator's workspace over REST, read-only (agents change it through the file tools):
 * - `GET /orchestrators/{id}/files?prefix=&after=&limit=` the live files, in path order;
 * - `GET /orchestrators/{id}/files/{path}?version=N` a file's content (current, or version N);
 * - `GET /orchestrators/{id}/history/{path}?before=&limit=` its versions, newest first, with diffs;
 * - `GET /orchestrators/{id}/workspace.zip` every live file as a .zip download (not `POST …/archive`,
 *   which archives the orchestrator itself).
 * `{path}` may contain slashes, which `createRoute` cannot express, so those two routes use plain
 * Hono wildcard params and are added to the OpenAPI document by hand (`registerPath`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { strToU8, type Zippable, zipSync } from 'fflate';
import type { Context } from 'hono';
import { findOrchestrator, type OrchestratorRow } from '../db/orchestrators.ts';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.ts';
import { createRouter } from '../http/router.ts';
import type { AppEnv } from '../http/types.ts';
import { toIssues } from '../http/validation.ts';
import { normalizePath, normalizePrefix } from '../workspace/paths.ts';
import { fileHistory, listFiles, liveContents, readFile, workspaceTotals } from '../workspace/store.ts';
import { errorResponses, UuidParam } from './common-schemas.ts';
import {
  ContentQuerySchema,
  FileContentSchema,
  FileListSchema,
  FilePathParam,
  HistoryQuerySchema,
  HistorySchema,
  ListQuerySchema,
  toFileContentJson,
  toFileEntryJson,
  toVersionJson,
} from './files-schemas.ts';

/** The archive is built in memory (a Worker has 128 MB): content bytes, plus the zip, plus the rows. */
export const MAX_ARCHIVE_BYTES = 32 * 1024 * 1024;

const IdParams = z.object({ id: UuidParam });
const FileParams = z.object({ id: UuidParam, path: FilePathParam });
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const security = [{ bearerAuth: [] }];
const tags = ['workspace'];

const list = createRoute({
  method: 'get',
  path: '/orchestrators/{id}/files',
  tags,
  summary: 'List the live files of an orchestrator’s workspace, in path order',
  security,
  request: { params: IdParams, query: ListQuerySchema },
  responses: {
    200: { description: 'A page of files', content: json(FileListSchema) },
    ...errorResponses(401, 404, 422, 503),
  },
});

const archive = createRoute({
  method: 'get',
  path: '/orchestrators/{id}/workspace.zip',
  tags,
  summary: 'Download the current workspace as a .zip',
  description: `Refused with 409 when the live files add up to more than ${MAX_ARCHIVE_BYTES} bytes.`,
  security,
  request: { params: IdParams },
  responses: {
    200: {
      description: 'A zip of every live file',
      content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorResponses(401, 404, 409, 422, 503),
  },
});

export const files = createRouter()
  .openapi(list, async (c) => {
    const db = c.var.db();
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    const prefix = validPath(normalizePrefix(query.prefix), 'query.prefix');
    await requireOrchestrator(c, id);
    const rows = await listFiles(db, id, { prefix, after: query.after, limit: query.limit });
    const last = rows.length === query.limit ? rows.at(-1) : undefined;
    return c.json({ files: rows.map(toFileEntryJson), next_after: last?.path ?? null }, 200);
  })
  .openapi(archive, async (c) => {
    const db = c.var.db();
    const { id } = c.req.valid('param');
    const orchestrator = await requireOrchestrator(c, id);
    const totals = await workspaceTotals(db, id);
    if (totals.bytes > MAX_ARCHIVE_BYTES) {
      throw new ConflictError(
        `The workspace holds ${totals.bytes} bytes; archives are limited to ${MAX_ARCHIVE_BYTES}. ` +
          'Download files one at a time instead.',
        { bytes: totals.bytes, max_bytes: MAX_ARCHIVE_BYTES },
      );
    }
    const entries: Zippable = {};
    for await (const file of liveContents(db, id)) {
      entries[file.path] = [strToU8(file.content), { mtime: file.updatedAt }];
    }
    const zip = zipSync(entries, { level: 6 });
    return c.body(zip, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${archiveName(orchestrator)}"`,
      'Cache-Control': 'no-store',
    });
  });

files
  .get('/orchestrators/:id/files/:path{.+}', async (c) => {
    const { id, path } = fileParams(c);
    const { version } = parse(ContentQuerySchema, c.req.query(), 'query');
    await requireOrchestrator(c, id);
    const file = await readFile(c.var.db(), id, path, version);
    if (!file) throw new NotFoundError(version ? `Version ${version} of file ${path}` : `File ${path}`);
    return c.json(toFileContentJson(file), 200);
  })
  .get('/orchestrators/:id/history/:path{.+}', async (c) => {
    const { id, path } = fileParams(c);
    const query = parse(HistoryQuerySchema, c.req.query(), 'query');
    await requireOrchestrator(c, id);
    const versions = await fileHistory(c.var.db(), id, path, query);
    if (!versions) throw new NotFoundError(`File ${path}`);
    const last = versions.length === query.limit ? versions.at(-1) : undefined;
    return c.json({ path, versions: versions.map(toVersionJson), next_before: last?.version ?? null }, 200);
  });

files.openAPIRegistry.registerPath({
  method: 'get',
  path: '/orchestrators/{id}/files/{path}',
  tags,
  summary: 'A workspace file’s content: the current version, or `?version=N`',
  description: '404 when the file does not exist, is deleted (without `version`), or has no such version.',
  security,
  request: { params: FileParams, query: ContentQuerySchema },
  responses: {
    200: { description: 'The file', content: json(FileContentSchema) },
    ...errorResponses(401, 404, 422, 503),
  },
});

files.openAPIRegistry.registerPath({
  method: 'get',
  path: '/orchestrators/{id}/history/{path}',
  tags,
  summary: 'A workspace file’s versions, newest first, each with its diff and +/− line counts',
  description: 'Deletions are versions too (`deleted: true`); a file written again continues its history.',
  security,
  request: { params: FileParams, query: HistoryQuerySchema },
  responses: {
    200: { description: 'A page of versions', content: json(HistorySchema) },
    ...errorResponses(401, 404, 422, 503),
  },
});

async function requireOrchestrator(c: Context<AppEnv>, id: string): Promise<OrchestratorRow> {
  const row = await findOrchestrator(c.var.db(), id);
  if (!row) throw new NotFoundError(`Orchestrator ${id}`);
  return row;
}

function fileParams(c: Context<AppEnv>): { id: string; path: string } {
  const { id } = parse(IdParams, { id: c.req.param('id') }, 'param');
  return { id, path: validPath(normalizePath(c.req.param('path') ?? ''), 'param.path') };
}

function parse<T extends z.ZodType>(schema: T, input: unknown, target: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(toIssues(target, result.error));
  return result.data;
}

function validPath(result: ReturnType<typeof normalizePath>, where: string): string {
  if (!result.ok) throw new ValidationError([{ path: where, message: result.error }]);
  return result.path;
}

function archiveName(orchestrator: OrchestratorRow): string {
  const slug = orchestrator.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || 'orchestrator'}-${orchestrator.id.slice(0, 8)}-workspace.zip`;
}
