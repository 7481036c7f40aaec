/** Request and response schemas of the workspace routes (routes/files.ts), also their OpenAPI entries. */
import { z } from '@hono/zod-openapi';
import { lineText } from '../http/text.ts';
import type { FileContent, FileEntry, VersionEntry } from '../workspace/store.ts';

export const FileEntrySchema = z
  .object({
    path: z.string().openapi({ example: 'src/index.ts' }),
    size: z.number().int().openapi({ description: 'Bytes (UTF-8)' }),
    version: z.number().int(),
    sha256: z.string(),
    updated_at: z.string(),
  })
  .openapi('WorkspaceFile');

export const FileListSchema = z
  .object({ files: z.array(FileEntrySchema), next_after: z.string().nullable() })
  .openapi('WorkspaceFileList');

export const FileContentSchema = FileEntrySchema.extend({ content: z.string() }).openapi(
  'WorkspaceFileContent',
);

export const VersionSchema = z
  .object({
    version: z.number().int(),
    deleted: z.boolean().openapi({ description: 'This version records a deletion' }),
    size: z.number().int(),
    sha256: z.string().nullable(),
    diff: z.string().openapi({ description: 'Unified diff from the previous version (capped at 256 KiB)' }),
    lines_added: z.number().int(),
    lines_removed: z.number().int(),
    agent_id: z.string().nullable(),
    prompt_id: z.string().nullable(),
    tool_use_id: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('WorkspaceFileVersion');

export const HistorySchema = z
  .object({ path: z.string(), versions: z.array(VersionSchema), next_before: z.number().int().nullable() })
  .openapi('WorkspaceFileHistory');

export const ListQuerySchema = z.object({
  prefix: lineText()
    .optional()
    .openapi({ description: 'A directory, e.g. `src/lib`; default the whole workspace' }),
  after: lineText().optional().openapi({ description: '`next_after` of the previous page' }),
  limit: z.coerce.number().int().min(1).max(5_000).default(1_000),
});

export const ContentQuerySchema = z.object({
  version: z.coerce.number().int().min(1).optional().openapi({
    description: 'An earlier version (readable even after the file was deleted); default the current one',
  }),
});

export const HistoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .openapi({ description: '`next_before` of the previous page' }),
});

export const FilePathParam = z.string().openapi({
  param: { name: 'path', in: 'path' },
  description:
    'The file path; it may contain `/` (`src/lib/a.ts`). Percent-encode other reserved characters.',
  example: 'src/index.ts',
});

export function toFileEntryJson(file: FileEntry) {
  return {
    path: file.path,
    size: file.sizeBytes,
    version: file.version,
    sha256: file.sha256,
    updated_at: file.updatedAt.toISOString(),
  };
}

export function toFileContentJson(file: FileContent) {
  return { ...toFileEntryJson(file), content: file.content };
}

export function toVersionJson(entry: VersionEntry) {
  return {
    version: entry.version,
    deleted: entry.deleted,
    size: entry.sizeBytes,
    sha256: entry.sha256,
    diff: entry.diff,
    lines_added: entry.linesAdded,
    lines_removed: entry.linesRemoved,
    agent_id: entry.agentId,
    prompt_id: entry.promptId,
    tool_use_id: entry.toolUseId,
    created_at: entry.createdAt.toISOString(),
  };
}
