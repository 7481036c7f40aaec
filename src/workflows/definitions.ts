/**
 * AI Developer Workflow types as data, not code: ordered steps, each with the slash
 * command that makes its prompt, its model, its tools and the structured-output tool it must call.
 * Adding a type means adding an entry here; the catalog, the system prompt, `start_adw` and the REST
 * API all read this table.
 */
import type { CatalogToolName } from '../catalog/index.ts';

export type StepName = 'plan' | 'build' | 'review' | 'fix';
export type SubmitTool = 'submit_plan' | 'submit_review' | 'submit_fix_report';

/** When a step runs: always, or only after a review whose verdict is FAIL (else it is `skipped`). */
export type StepCondition = 'always' | 'review_failed';

export interface StepDefinition {
  name: StepName;
  /** The slash command (src/catalog/commands) that expands into the step's prompt. */
  command: StepName;
  model: 'opus' | 'sonnet' | 'haiku';
  tools: readonly CatalogToolName[];
  /** The tool whose call carries the step's result; null when the run finishing is the result. */
  submitTool: SubmitTool | null;
  condition: StepCondition;
}

export interface WorkflowDefinition {
  type: string;
  description: string;
  steps: readonly StepDefinition[];
}

const READ = ['list_files', 'read_file', 'search_files'] as const;
const WRITE = ['write_file', 'edit_file', 'delete_file'] as const;

const PLAN: StepDefinition = {
  name: 'plan',
  command: 'plan',
  model: 'opus',
  tools: [...READ, 'write_file', 'edit_file', 'submit_plan'],
  submitTool: 'submit_plan',
  condition: 'always',
};
const BUILD: StepDefinition = {
  name: 'build',
  command: 'build',
  model: 'sonnet',
  tools: [...READ, ...WRITE],
  submitTool: null,
  condition: 'always',
};
const REVIEW: StepDefinition = {
  name: 'review',
  command: 'review',
  model: 'opus',
  tools: [...READ, 'write_file', 'submit_review'],
  submitTool: 'submit_review',
  condition: 'always',
};
const FIX: StepDefinition = {
  name: 'fix',
  command: 'fix',
  model: 'opus',
  tools: [...READ, ...WRITE, 'submit_fix_report'],
  submitTool: 'submit_fix_report',
  condition: 'review_failed',
};

export const WORKFLOW_DEFINITIONS: readonly WorkflowDefinition[] = [
  {
    type: 'plan_build',
    description: 'Plan the change into specs/<name>.md, then build it from that plan.',
    steps: [PLAN, BUILD],
  },
  {
    type: 'plan_build_review',
    description: 'Plan, build, then review the work into app_review/ with a PASS/FAIL verdict.',
    steps: [PLAN, BUILD, REVIEW],
  },
  {
    type: 'plan_build_review_fix',
    description:
      'Plan, build, review; if the review fails (a BLOCKER), fix the issues and report to app_fix_reports/.',
    steps: [PLAN, BUILD, REVIEW, FIX],
  },
];

export const WORKFLOW_TYPE_NAMES = WORKFLOW_DEFINITIONS.map((definition) => definition.type);

export function findWorkflow(type: string): WorkflowDefinition | undefined {
  return WORKFLOW_DEFINITIONS.find((definition) => definition.type === type);
}

/** For the catalog and the orchestrator's system prompt. */
export function workflowTypes(): Array<{ type: string; description: string; steps: StepName[] }> {
  return WORKFLOW_DEFINITIONS.map((definition) => ({
    type: definition.type,
    description: definition.description,
    steps: definition.steps.map((step) => step.name),
  }));
}
