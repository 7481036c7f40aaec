/**
 * The orchestrator's workflow tools, as the original named them: `start_adw` and `check_adw`. They
 * validate and format; `AdwControl` (the workflow runner in the Durable Object) does the work.
 */
import { z } from 'zod';
import { storable } from '../db/storable.ts';
import { defineTool, type ToolDefinition } from '../tools/types.ts';
import type { AdwJson } from './adw-json.ts';
import { WORKFLOW_DEFINITIONS, WORKFLOW_TYPE_NAMES } from './definitions.ts';

export interface AdwControl {
  start(input: {
    name: string;
    workflowType: string;
    prompt: string;
    description?: string;
  }): Promise<AdwJson | undefined>;
  check(adw: string, tail: number, stepDetails: boolean): Promise<string>;
}

export function adwTools(control: AdwControl): ToolDefinition[] {
  return [
    defineTool({
      name: 'start_adw',
      description:
        'Start an AI Developer Workflow: its steps run one after another in the background, each as its own ' +
        `agent in this workspace. Types: ${WORKFLOW_DEFINITIONS.map((w) => `${w.type} (${w.description})`).join('; ')}. ` +
        'Returns the workflow id at once; use check_adw later and do not interfere with its agents.',
      input: z.object({
        name_of_adw: z.string().trim().min(1).max(100).describe('A short name for the workflow.'),
        workflow_type: z
          .string()
          .min(1)
          .max(100)
          .describe(`One of: ${WORKFLOW_TYPE_NAMES.join(', ')}.`),
        prompt: z
          .string()
          .min(1)
          .max(100_000)
          .describe('What to build, verbatim from the user where possible.'),
        description: z.string().max(2_000).optional(),
      }),
      concurrencySafe: false,
      run: async (input) => {
        // Model-written text: what Postgres cannot store is replaced before it reaches the workflow rows.
        const adw = await control.start(
          storable({
            name: input.name_of_adw,
            workflowType: input.workflow_type,
            prompt: input.prompt,
            ...(input.description ? { description: input.description } : {}),
          }),
        );
        if (!adw) return { content: 'The workflow could not be created.', isError: true };
        return {
          content:
            `Started workflow ${adw.name} (${adw.workflow_type}, ${adw.total_steps} steps), id ${adw.id}. ` +
            'It runs in the background: use check_adw to follow it, and do not interfere with its agents.',
          data: { adw_id: adw.id },
        };
      },
    }),
    defineTool({
      name: 'check_adw',
      description: 'A workflow’s status, step progress, timings, error and recent events, by id or name.',
      input: z.object({
        adw_id: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .describe('The workflow id (or its name: the newest with it).'),
        tail: z.number().int().min(1).max(100).default(10).describe('How many recent events to show.'),
        step_details: z
          .boolean()
          .default(false)
          .describe('List every step with its status, agent, cost and output.'),
      }),
      concurrencySafe: true,
      run: async (input) => ({ content: await control.check(input.adw_id, input.tail, input.step_details) }),
    }),
  ];
}
