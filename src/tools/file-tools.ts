/**
 * The workspace file tools command agents work with. Reads may run alongside the other calls of a
 * model message; writes run one at a time. Every result carries `data.file` (see file-tool-support.ts),
 * from which the runtime builds a run's file-changes event (produced and consumed files).
 */
import { listFilesTool, readFileTool, searchFilesTool } from './file-read-tools.ts';
import { deleteFileTool, editFileTool, writeFileTool } from './file-write-tools.ts';
import type { ToolDefinition } from './types.ts';

export type { FileActivity, FileOp } from './file-tool-support.ts';

export const fileTools: ToolDefinition[] = [
  listFilesTool,
  readFileTool,
  writeFileTool,
  editFileTool,
  deleteFileTool,
  searchFilesTool,
];
