/** What an orchestrator offers, for clients and the console: provider, commands, templates, tools, workflows. */
import { catalogSummary } from '../catalog/index.ts';
import { describeModelProvider } from '../model/provider.ts';
import { managementTools } from '../orchestrator/management-tools.ts';
import { adwTools } from '../workflows/adw-tools.ts';
import { workflowTypes } from '../workflows/definitions.ts';

/** Tool definitions do not depend on the control behind them; listing them needs none. */
const unusedControl = new Proxy({} as Parameters<typeof managementTools>[0], {
  get: () => () => Promise.reject(new Error('catalog listing only')),
});

const unusedAdwControl = new Proxy({} as Parameters<typeof adwTools>[0], {
  get: () => () => Promise.reject(new Error('catalog listing only')),
});

export function orchestratorCatalog(env: Env) {
  const summary = catalogSummary();
  return {
    model_provider: describeModelProvider(env),
    slash_commands: summary.slashCommands.map((command) => ({
      name: command.name,
      description: command.description,
      argument_hint: command.argumentHint,
    })),
    agent_templates: summary.agentTemplates,
    tools: [...managementTools(unusedControl), ...adwTools(unusedAdwControl)].map((tool) => ({
      name: tool.name,
      description: tool.description,
    })),
    workflow_types: workflowTypes().map(({ type, description }) => ({ type, description })),
  };
}
