/**
 * The structured-output tools of workflow steps (a step's result comes from a tool call
 * with schemas, never from parsing free text). Each validates against the workspace and the workflow's
 * rules, answers a mistake with an `is_error` result the model can act on, and stores what it accepts
 * on the step's row, so the result survives a restart of the run.
 */
import { z } from 'zod';
import { setStepOutput } from '../db/adw-steps.ts';
import { storable } from '../db/storable.ts';
import { toolPath } from '../tools/file-tool-support.ts';
import { defineTool, type ToolContext, type ToolDefinition, ToolError } from '../tools/types.ts';
import { readFile } from '../workspace/store.ts';
import type { SubmitTool } from './definitions.ts';
import { fixReportPath, planPathProblem, reviewPath, verdictProblem } from './progress.ts';

export interface StepBinding {
  adwId: string;
  stepIndex: number;
  /** The step's fixed report timestamp (`YYYYMMDD_HHMMSS`). */
  timestamp: string;
}

const IssueSchema = z.object({
  tier: z.enum(['BLOCKER', 'HIGH', 'MEDIUM', 'LOW']),
  location: z.string().min(1).max(1_000).describe('path:lines'),
  description: z.string().min(1).max(5_000),
  solutions: z.array(z.string().min(1).max(5_000)).min(1).max(3).describe('Best first.'),
});

export function submitTool(name: SubmitTool, binding: StepBinding): ToolDefinition {
  switch (name) {
    case 'submit_plan':
      return defineTool({
        name,
        description:
          'Finish the plan step: report the path of the plan you wrote (specs/<kebab-name>.md). Call it once, last.',
        input: z.object({ path: z.string().min(1).max(1_000).describe('e.g. specs/add-login.md') }),
        concurrencySafe: false,
        async run(input, ctx) {
          const path = toolPath(input.path);
          const problem = planPathProblem(path);
          if (problem) throw new ToolError(problem);
          await requireFile(ctx, path, 'the plan');
          return record(ctx, binding, { plan_path: path }, `Plan recorded: ${path}.`);
        },
      });
    case 'submit_review':
      return defineTool({
        name,
        description:
          'Finish the review step: the verdict (FAIL if and only if at least one issue is a BLOCKER) and every ' +
          'issue of your report. Write the report file first. Call it once, last.',
        input: z.object({ verdict: z.enum(['PASS', 'FAIL']), issues: z.array(IssueSchema).max(200) }),
        concurrencySafe: false,
        async run(input, ctx) {
          const problem = verdictProblem(input.verdict, input.issues);
          if (problem) throw new ToolError(problem);
          const path = reviewPath(binding.timestamp);
          await requireFile(ctx, path, 'the review report');
          return record(
            ctx,
            binding,
            { verdict: input.verdict, issues: input.issues, review_path: path },
            `Review recorded: ${input.verdict} with ${input.issues.length} issue(s).`,
          );
        },
      });
    case 'submit_fix_report':
      return defineTool({
        name,
        description:
          'Finish the fix step: ALL FIXED, PARTIAL or BLOCKED, and a short summary. Write the fix report first.',
        input: z.object({
          status: z.enum(['ALL FIXED', 'PARTIAL', 'BLOCKED']),
          summary: z.string().min(1).max(10_000),
        }),
        concurrencySafe: false,
        async run(input, ctx) {
          const path = fixReportPath(binding.timestamp);
          await requireFile(ctx, path, 'the fix report');
          return record(
            ctx,
            binding,
            { status: input.status, summary: input.summary, report_path: path },
            `Fix report recorded: ${input.status}.`,
          );
        },
      });
  }
}

async function requireFile(ctx: ToolContext, path: string, what: string): Promise<void> {
  const file = await readFile(ctx.db, ctx.orchestratorId, path);
  if (!file)
    throw new ToolError(`There is no file at ${path}: write ${what} there first, then call this again.`);
}

async function record(
  ctx: ToolContext,
  binding: StepBinding,
  output: Record<string, unknown>,
  message: string,
) {
  // Review issues are model text: what jsonb cannot store is replaced (see storable.ts).
  const stored = await setStepOutput(ctx.db, binding.adwId, binding.stepIndex, storable(output));
  if (!stored)
    throw new ToolError('This workflow step is no longer running (it was cancelled or has ended).');
  return { content: message, data: { output } };
}
