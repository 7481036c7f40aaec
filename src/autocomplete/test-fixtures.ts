/** A small autocomplete context for the pure tests (prompt, learning, offline completions). */
import type { FeedbackEntry } from './learning.ts';
import type { AutocompleteContext } from './prompt.ts';

export function contextFor(text: string, feedback: FeedbackEntry[] = []): AutocompleteContext {
  return {
    text,
    cursor: text.length,
    agents: [{ name: 'scout', status: 'idle', template: 'scout' }],
    slashCommands: [{ name: 'plan', argumentHint: '[task]', description: 'Plan a change' }],
    agentTemplates: [
      { name: 'builder', description: 'Builds' },
      { name: 'planner', description: 'Plans' },
      { name: 'reviewer', description: 'Reviews' },
      { name: 'documenter', description: 'Documents' },
    ],
    workflowTypes: [{ type: 'plan_build', description: 'Plan then build' }],
    files: ['notes/todo.md', 'src/app.ts'],
    feedback,
  };
}

export function accepted(inputBefore: string, completion: string): FeedbackEntry {
  return { outcome: 'accepted', inputBefore, completion, reasoning: 'because', inputSent: null };
}

export function rejected(inputBefore: string, completion: string): FeedbackEntry {
  return { outcome: 'rejected', inputBefore, completion, reasoning: 'because', inputSent: null };
}

export function ignored(inputBefore: string, inputSent: string): FeedbackEntry {
  return { outcome: 'ignored', inputBefore, completion: null, reasoning: null, inputSent };
}
