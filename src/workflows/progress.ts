/**
 * The pure rules of a workflow run: which step comes next (and which are skipped), the command text a
 * step's agent gets, where its reports go, when a review verdict is consistent, and the reminders a
 * step gets when it ends without its structured result. No I/O: the Durable Object applies them.
 */
import { formatTimestamp } from '../catalog/expand.ts';
import type { StepDefinition, WorkflowDefinition } from './definitions.ts';

/** How many follow-up messages a step gets when it ends without calling its submit tool. */
export const MAX_NUDGES = 2;

export type ReviewVerdict = 'PASS' | 'FAIL';
export type IssueTier = 'BLOCKER' | 'HIGH' | 'MEDIUM' | 'LOW';

export interface StepOutputs {
  plan_path?: string;
  verdict?: ReviewVerdict;
}

/** What follows a finished step: steps to mark skipped, then the next to run (null: the workflow is done). */
export function afterStep(
  definition: WorkflowDefinition,
  finishedIndex: number,
  outputs: StepOutputs,
): { skip: number[]; next: number | null } {
  const skip: number[] = [];
  for (let index = finishedIndex + 1; index < definition.steps.length; index++) {
    const step = definition.steps[index] as StepDefinition;
    if (conditionHolds(step, outputs)) return { skip, next: index };
    skip.push(index);
  }
  return { skip, next: null };
}

function conditionHolds(step: StepDefinition, outputs: StepOutputs): boolean {
  return step.condition === 'always' || outputs.verdict === 'FAIL';
}

/**
 * The fixed timestamp of a step's report files: the second the step was claimed, then the workflow's
 * short id, because workflows of one orchestrator share its workspace and two reviews may start in the
 * same second. Still sorts by time.
 */
export function stepTimestamp(startedAt: Date, adwId: string): string {
  return `${formatTimestamp(startedAt)}_${adwId.slice(0, 8)}`;
}

export function reviewPath(timestamp: string): string {
  return `app_review/review_${timestamp}.md`;
}

export function fixReportPath(timestamp: string): string {
  return `app_fix_reports/fix_${timestamp}.md`;
}

/** The step's command: its slash command and arguments (quoted as the expander splits them). */
export function stepCommand(
  step: StepDefinition,
  input: { prompt: string; planPath?: string | undefined; reviewPath?: string | undefined },
): string {
  const plan = input.planPath ?? '';
  switch (step.command) {
    case 'plan':
      return `/plan ${input.prompt}`;
    case 'build':
      return `/build ${plan}`;
    case 'review':
      return `/review ${quote(input.prompt)} ${plan}`;
    case 'fix':
      return `/fix ${quote(input.prompt)} ${plan} ${quote(input.reviewPath ?? '')}`;
  }
}

function quote(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** Why a verdict contradicts its issues (FAIL iff at least one BLOCKER), or undefined when consistent. */
export function verdictProblem(
  verdict: ReviewVerdict,
  issues: ReadonlyArray<{ tier: IssueTier }>,
): string | undefined {
  const blockers = issues.filter((issue) => issue.tier === 'BLOCKER').length;
  if (verdict === 'FAIL' && blockers === 0)
    return 'The verdict is FAIL but no issue is a BLOCKER. FAIL if and only if there is at least one BLOCKER: submit PASS, or list the blocker.';
  if (verdict === 'PASS' && blockers > 0)
    return `The verdict is PASS but ${blockers} issue(s) are BLOCKERs. FAIL if and only if there is at least one BLOCKER: submit FAIL.`;
  return undefined;
}

/** The follow-up message for a step that ended without its structured result. */
export function nudgeText(tool: string, attempt: number): string {
  return (
    `Reminder ${attempt} of ${MAX_NUDGES}: this workflow step is not finished until you call the ${tool} tool. ` +
    `Call ${tool} now with your result; do not reply with text only.`
  );
}

export function missingSubmitError(step: string, tool: string): string {
  return `${step} step ended without calling ${tool} after ${MAX_NUDGES} reminders`;
}

/** A text field of the output one of a workflow's steps submitted (undefined: none, or not text). */
export function outputText(
  steps: ReadonlyArray<{ step: string; output: Record<string, unknown> }>,
  step: string,
  field: string,
): string | undefined {
  const value = steps.find((row) => row.step === step)?.output[field];
  return typeof value === 'string' ? value : undefined;
}

/** What a step's command is built from: the workflow's prompt and the paths earlier steps submitted. */
export function commandInput(
  input: Record<string, unknown>,
  steps: ReadonlyArray<{ step: string; output: Record<string, unknown> }>,
) {
  return {
    prompt: String(input.prompt ?? ''),
    planPath: outputText(steps, 'plan', 'plan_path'),
    reviewPath: outputText(steps, 'review', 'review_path'),
  };
}

/** The name of a step's agent: `<step>-<first 8 characters of the workflow id>`. */
export function stepAgentName(step: string, adwId: string): string {
  return `${step}-${adwId.slice(0, 8)}`;
}

/** Workspace path checks for submit_plan: a Markdown file directly or deeper under specs/. */
export function planPathProblem(path: string): string | undefined {
  if (!path.startsWith('specs/')) return `The plan must be under specs/ (got "${path}").`;
  if (!path.endsWith('.md')) return `The plan must be a Markdown file specs/<name>.md (got "${path}").`;
  return undefined;
}

/** A step agent's system prompt; `ADW step: <name>` also tells the offline model which step it plays. */
export function stepSystemPrompt(step: string, submitTool: string | null): string {
  const finish = submitTool
    ? `Your step is finished only when you call ${submitTool} with your result; call it once, last.`
    : 'Your step is finished when you reply with your report.';
  return (
    `You are the ${step} step agent of an AI Developer Workflow (ADW step: ${step}). You work in a shared, ` +
    `versioned workspace of files through your file tools; there is no shell. Follow the command you are ` +
    `given exactly. ${finish}`
  );
}
