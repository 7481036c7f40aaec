/** What an orchestrator offers, for clients and the console: provider, commands, templates, tools, workflows. */
import { catalogSummary } from '../catalog/index.ts';
import { describeModelProvider } from '../model/provider.ts';
import { managementTools } from '../orchestrator/management-tools.ts';

/** Tool definitions do not depend on the control behind them; listing them needs none. */
const unusedControl = new Proxy({} as Parameters<typeof managementTools>[0], {
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
    tools: managementTools(unusedControl).map((tool) => ({ name: tool.name, description: tool.description })),
    workflow_types: [] as Array<{ type: string; description: string }>,
  };
}
