/**
 * `update_expertise`: an expert agent records what it learned as a new version of an expertise
 * document (full content or targeted edits, with a reason), within the document's line limit. The
 * runtime runs it at most once per tool_use_id, like every tool.
 */
import { z } from 'zod';
import { type ExpertiseWrite, writeExpertise } from '../db/expertise.ts';
import { defineTool, type ToolContext, type ToolDefinition, ToolError } from '../tools/types.ts';
import { applyEdits, capDiff } from './document.ts';
import { DOMAIN_PATTERN, DOMAIN_RULE } from './domain.ts';
import { ExpertiseError } from './errors.ts';

export const UPDATE_EXPERTISE = 'update_expertise';

const edit = z.object({
  old_string: z.string().min(1).describe('Exact text of the current document to replace.'),
  new_string: z.string().describe('The text to put in its place (empty deletes old_string).'),
  replace_all: z.boolean().optional().describe('Replace every occurrence. Default: false.'),
});

/** `domainDefault` is the agent's own domain; `author` its name, recorded on the version. */
export function updateExpertiseTool(domainDefault: string, author: string): ToolDefinition {
  return defineTool({
    name: UPDATE_EXPERTISE,
    description:
      'Record what you learned in an expertise document as a new version: either the full new `content`, ' +
      'or `edits` (exact old_string/new_string pairs, applied in order, like edit_file). Always give a ' +
      `short reason. Refused when the document would exceed its line limit. Default domain: "${domainDefault}".`,
    input: z
      .object({
        domain: z
          .string()
          .regex(DOMAIN_PATTERN, DOMAIN_RULE)
          .optional()
          .describe('Default: your own domain.'),
        content: z.string().optional().describe('The complete new document (replaces it entirely).'),
        edits: z.array(edit).min(1).max(50).optional().describe('Targeted edits instead of content.'),
        reason: z.string().trim().min(1).max(500).describe('Why: what you learned or what was stale.'),
      })
      .refine((input) => (input.content === undefined) !== (input.edits === undefined), {
        message: 'give either content or edits, not both',
      }),
    concurrencySafe: false,
    async run(input, ctx) {
      const domain = input.domain ?? domainDefault;
      const outcome = await write(ctx, domain, author, input.reason, (current) => {
        if (input.content !== undefined) return input.content;
        if (!current) {
          throw new ExpertiseError(
            'not_found',
            `There is no expertise document "${domain}" yet: create it with content instead of edits.`,
          );
        }
        return applyEdits(current.content, input.edits ?? []);
      });
      if (outcome.status === 'unchanged') {
        return {
          content: `The expertise document "${domain}" already has exactly this content (version ${outcome.version}); nothing recorded.`,
          data: { domain, version: outcome.version, status: outcome.status },
        };
      }
      ctx.events.emit({
        type: 'expertise_updated',
        data: {
          domain,
          version: outcome.version,
          lines: outcome.lines,
          max_lines: outcome.maxLines,
          lines_added: outcome.linesAdded,
          lines_removed: outcome.linesRemoved,
          diff: capDiff(outcome.diff),
          author,
          reason: input.reason,
        },
      });
      const verb = outcome.status === 'created' ? 'Created' : 'Updated';
      return {
        content:
          `${verb} the expertise document "${domain}": version ${outcome.version}, ` +
          `+${outcome.linesAdded} −${outcome.linesRemoved} lines, ${outcome.lines} of at most ${outcome.maxLines} lines.`,
        data: { domain, version: outcome.version, status: outcome.status, lines: outcome.lines },
      };
    },
  });
}

async function write(
  ctx: ToolContext,
  domain: string,
  author: string,
  reason: string,
  content: Parameters<typeof writeExpertise>[3]['content'],
): Promise<ExpertiseWrite> {
  try {
    return await writeExpertise(ctx.db, ctx.orchestratorId, domain, { content, author, reason });
  } catch (error) {
    if (error instanceof ExpertiseError) throw new ToolError(error.message);
    throw error;
  }
}
