/**
 * The offline model playing a workflow step agent, so every workflow type completes without an API
 * key. Pure and deterministic: the step comes from the system prompt (`ADW step: <name>`), what to do
 * next from the tool calls already answered in the conversation, and the paths from the expanded
 * slash command (USER_PROMPT, PATH_TO_PLAN, REVIEW_FILE, …). A review FAILs, with one BLOCKER, when
 * the workflow prompt contains "with a blocker"; otherwise it PASSes. Fix always reports ALL FIXED.
 */
import { contentBlocks, messageText, textBlock, toolResultText, toolUseBlock } from '../wire/index.ts';
import type { ContentBlock, MessagesRequest } from '../wire/types.ts';

const PREFIX = '[offline model]';
export const FAILING_REVIEW_PHRASE = 'with a blocker';

type Step = 'plan' | 'build' | 'review' | 'fix';

interface Call {
  name: string;
  input: Record<string, unknown>;
  result?: string;
  isError?: boolean;
}

export interface StepReply {
  content: ContentBlock[];
  stop_reason: 'end_turn' | 'tool_use';
}

export function workflowStepOf(request: MessagesRequest): Step | undefined {
  const system =
    typeof request.system === 'string'
      ? request.system
      : (request.system ?? []).map((block) => block.text).join('\n');
  const step = /ADW step: (plan|build|review|fix)\b/.exec(system)?.[1];
  return step as Step | undefined;
}

export function workflowStepReply(request: MessagesRequest, step: Step, newId: () => string): StepReply {
  const calls = callsOf(request);
  const last = calls.at(-1);
  if (last?.isError && calls.filter((c) => c.isError).length >= 3) {
    return say(`${PREFIX} Giving up: ${last.name} failed: ${firstLine(last.result)}`);
  }
  const brief = messageText(request.messages.find((m) => m.role === 'user') ?? { role: 'user', content: '' });
  const variable = (name: string) =>
    new RegExp(`^${name}: *\`?([^\`\\n]*)\`?`, 'm').exec(brief)?.[1]?.trim() ?? '';
  const done = (name: string, test: (call: Call) => boolean = () => true) =>
    calls.some((call) => call.name === name && !call.isError && test(call));
  const wrote = (path: string) => done('write_file', (call) => call.input.path === path);
  const use = (name: string, input: Record<string, unknown>, note: string): StepReply => ({
    content: [textBlock(`${PREFIX} ${note}`), toolUseBlock(newId(), name, input)],
    stop_reason: 'tool_use',
  });

  switch (step) {
    case 'plan': {
      const prompt = variable('USER_PROMPT');
      const path = `specs/${kebab(prompt)}.md`;
      if (!wrote(path))
        return use('write_file', { path, content: planText(prompt) }, `Writing the plan ${path}.`);
      if (!done('submit_plan')) return use('submit_plan', { path }, 'Submitting the plan.');
      return say(`${PREFIX} ✅ Implementation Plan Created\n\nFile: ${path}`);
    }
    case 'build': {
      const plan = variable('PATH_TO_PLAN');
      const read = calls.find((call) => call.name === 'read_file' && !call.isError);
      if (!read) return use('read_file', { path: plan }, `Reading the plan ${plan}.`);
      const files = plannedFiles(read.result ?? '');
      if (!done('write_file') && files.length > 0) {
        return {
          content: [
            textBlock(`${PREFIX} Building ${files.join(', ')}.`),
            ...files.map((path) =>
              toolUseBlock(newId(), 'write_file', {
                path,
                content: `Built by the offline model from ${plan}.\n`,
              }),
            ),
          ],
          stop_reason: 'tool_use',
        };
      }
      return say(
        `${PREFIX} Built ${files.length} file(s) from ${plan}: ${files.join(', ') || 'none listed'}.`,
      );
    }
    case 'review': {
      const path = variable('REVIEW_FILE');
      const failing = brief.toLowerCase().includes(FAILING_REVIEW_PHRASE);
      const verdict = failing ? 'FAIL' : 'PASS';
      const issues = failing
        ? [
            {
              tier: 'BLOCKER',
              location: `${variable('PLAN_PATH') || 'specs'}:1`,
              description: `The workflow prompt asked for a failing review ("${FAILING_REVIEW_PHRASE}").`,
              solutions: ['Run the fix step, which resolves it.'],
            },
          ]
        : [];
      if (!wrote(path))
        return use('write_file', { path, content: reviewText(verdict, issues.length) }, `Writing ${path}.`);
      if (!done('submit_review')) return use('submit_review', { verdict, issues }, `Submitting ${verdict}.`);
      return say(`${PREFIX} Verdict ${verdict}, ${issues.length} issue(s); report ${path}.`);
    }
    case 'fix': {
      const path = variable('FIX_FILE');
      if (!wrote(path))
        return use('write_file', { path, content: fixText(variable('REVIEW_PATH')) }, `Writing ${path}.`);
      if (!done('submit_fix_report'))
        return use(
          'submit_fix_report',
          { status: 'ALL FIXED', summary: 'Every review issue was addressed.' },
          'Reporting.',
        );
      return say(`${PREFIX} ALL FIXED; report ${path}.`);
    }
  }
}

function say(text: string): StepReply {
  return { content: [textBlock(text)], stop_reason: 'end_turn' };
}

/** Every tool call of the conversation with its result, in order. */
function callsOf(request: MessagesRequest): Call[] {
  const calls = new Map<string, Call>();
  for (const message of request.messages) {
    for (const block of contentBlocks(message)) {
      if (block.type === 'tool_use')
        calls.set(block.id, { name: block.name, input: block.input as Record<string, unknown> });
      if (block.type === 'tool_result') {
        const call = calls.get(block.tool_use_id);
        if (call) {
          call.result = toolResultText(block);
          call.isError = block.is_error === true;
        }
      }
    }
  }
  return [...calls.values()];
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0] ?? '';
}

function kebab(text: string): string {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).slice(0, 6).join('-') || 'plan';
}

/** Paths the prompt names (`notes/hello.md`), else one file named after the task. */
export function filesFor(prompt: string): string[] {
  const named = prompt.match(/\b[\w-]+(?:\/[\w.-]+)*\.[a-z0-9]{1,8}\b/gi) ?? [];
  const unique = [...new Set(named.filter((path) => !path.startsWith('specs/')))];
  return unique.length > 0 ? unique.slice(0, 10) : [`app/${kebab(prompt)}.md`];
}

function plannedFiles(plan: string): string[] {
  const section = plan.split('### New Files')[1]?.split('## ')[0] ?? '';
  return [...section.matchAll(/- `([^`]+)`/g)].map((match) => match[1] as string);
}

function planText(prompt: string): string {
  const files = filesFor(prompt);
  return [
    `# Plan: ${prompt}`,
    '',
    '## Task Description',
    prompt,
    '',
    '## Objective',
    `Deliver: ${prompt}`,
    '',
    '## Relevant Files',
    'None yet: the workspace is built from this plan.',
    '',
    '### New Files',
    ...files.map((path) => `- \`${path}\`: created by the build step`),
    '',
    '## Step by Step Tasks',
    'IMPORTANT: Execute every step in order, top to bottom.',
    '',
    ...files.flatMap((path, index) => [`### ${index + 1}. Create ${path}`, `- Write \`${path}\`.`, '']),
    `### ${files.length + 1}. Validate`,
    '- Read every new file back.',
    '',
    '## Acceptance Criteria',
    ...files.map((path) => `- ${path} exists.`),
    '',
    '## Validation Commands',
    '- Read each new file with read_file.',
    '',
    '## Notes',
    'Written by the built-in offline model (not an AI).',
    '',
  ].join('\n');
}

function reviewText(verdict: string, issues: number): string {
  const mark = verdict === 'FAIL' ? '⚠️ FAIL' : '✅ PASS';
  return [
    '# Code Review Report',
    '',
    `**Verdict**: ${mark}`,
    '',
    '## Executive Summary',
    `The offline model reviewed the work: ${issues} issue(s).`,
    '',
    '## Final Verdict',
    '',
    `**Status**: ${mark}`,
    '',
  ].join('\n');
}

function fixText(reviewPath: string): string {
  return [
    '# Fix Report',
    '',
    `**Review Reference**: ${reviewPath}`,
    '**Status**: ✅ ALL FIXED',
    '',
    '## Executive Summary',
    'The offline model addressed every issue of the review.',
    '',
  ].join('\n');
}
