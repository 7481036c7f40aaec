/**
 * The workspace tools that change files: `write_file`, `edit_file`, `delete_file`. Each records the
 * calling agent, prompt and tool_use_id on the version it writes, so a retried call is not applied twice.
 */
import { z } from 'zod';
import { deleteFile, MAX_FILE_BYTES, writeFile } from '../workspace/store.ts';
import { changeActivity, describeWrite, inWorkspace, plural, toolPath } from './file-tool-support.ts';
import { defineTool, type ToolContext, ToolError } from './types.ts';

const path = z.string().describe('File path relative to the workspace root, e.g. "src/index.ts".');

export const writeFileTool = defineTool({
  name: 'write_file',
  description:
    'Create a workspace file, or replace its whole content (directories are implicit). ' +
    `At most ${MAX_FILE_BYTES} bytes. To change part of an existing file, prefer edit_file.`,
  input: z.object({
    path,
    content: z.string().describe('The complete new content of the file.'),
  }),
  concurrencySafe: false,
  async run(input, ctx) {
    const filePath = toolPath(input.path);
    const outcome = await inWorkspace(() =>
      writeFile(ctx.db, ctx.orchestratorId, filePath, input.content, authorOf(ctx)),
    );
    return {
      content: describeWrite(outcome),
      data: { file: changeActivity('write', outcome), status: outcome.status },
    };
  },
});

export const editFileTool = defineTool({
  name: 'edit_file',
  description:
    'Replace an exact piece of text in a workspace file. old_string must match the file exactly ' +
    '(whitespace and indentation included) and, unless replace_all is set, appear exactly once: ' +
    'include enough surrounding lines to make it unique.',
  input: z.object({
    path,
    old_string: z.string().min(1).describe('The exact text to replace, as it appears in the file.'),
    new_string: z.string().describe('The text to put in its place (may be empty to delete old_string).'),
    replace_all: z
      .boolean()
      .optional()
      .describe('Replace every occurrence of old_string instead of requiring exactly one. Default: false.'),
  }),
  concurrencySafe: false,
  async run(input, ctx) {
    const filePath = toolPath(input.path);
    if (input.old_string === input.new_string) {
      throw new ToolError('old_string and new_string are identical; there is nothing to change.');
    }
    let replaced = 0;
    // The replacement runs under the file's row lock, so it always applies to the latest version.
    const outcome = await inWorkspace(() =>
      writeFile(
        ctx.db,
        ctx.orchestratorId,
        filePath,
        (current) => {
          if (!current) throw new ToolError(`File not found: ${filePath}. Use write_file to create it.`);
          const parts = current.content.split(input.old_string);
          replaced = parts.length - 1;
          if (replaced === 0) {
            throw new ToolError(
              `old_string was not found in ${filePath} (version ${current.version}). ` +
                'Read the file again and copy the text exactly, including whitespace and indentation.',
            );
          }
          if (replaced > 1 && !input.replace_all) {
            throw new ToolError(
              `old_string appears ${replaced} times in ${filePath}. Include more surrounding text to ` +
                'make it unique, or set replace_all to true to replace every occurrence.',
            );
          }
          return parts.join(input.new_string);
        },
        authorOf(ctx),
      ),
    );
    return {
      content: describeWrite(outcome, 'Edited', ` (${plural(replaced, 'replacement')})`),
      data: { file: changeActivity('edit', outcome), status: outcome.status, replacements: replaced },
    };
  },
});

export const deleteFileTool = defineTool({
  name: 'delete_file',
  description: 'Delete a workspace file. Its history is kept, and writing the path again continues it.',
  input: z.object({ path }),
  concurrencySafe: false,
  async run(input, ctx) {
    const filePath = toolPath(input.path);
    const outcome = await inWorkspace(() => deleteFile(ctx.db, ctx.orchestratorId, filePath, authorOf(ctx)));
    return {
      content: describeWrite(outcome),
      data: { file: changeActivity('delete', outcome), status: outcome.status },
    };
  },
});

function authorOf(ctx: ToolContext) {
  return { agentId: ctx.agentId, promptId: ctx.promptId, toolUseId: ctx.toolUseId };
}
