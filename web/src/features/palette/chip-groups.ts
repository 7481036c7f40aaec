/** What the system information's chips insert: agent names, `/commands`, templates, workflow types, tools. Pure. */
import type { Agent, OrchestratorDetails } from '../../api/client.ts';

export interface ChipGroup {
  title: string;
  items: Array<{ text: string; title: string }>;
}

export function chipGroupsOf(
  catalog: OrchestratorDetails['catalog'] | undefined,
  agents: readonly Agent[],
): ChipGroup[] {
  if (!catalog) return [];
  return [
    {
      title: 'Agents',
      items: agents.map((a) => ({ text: a.name, title: [a.status, a.template].filter(Boolean).join(' · ') })),
    },
    {
      title: 'Slash commands',
      items: catalog.slash_commands.map((c) => ({
        text: `/${c.name}`,
        title: `${c.description} ${c.argument_hint}`,
      })),
    },
    {
      title: 'Agent templates',
      items: catalog.agent_templates.map((t) => ({ text: t.name, title: t.description })),
    },
    {
      title: 'Workflow types',
      items: catalog.workflow_types.map((w) => ({ text: w.type, title: w.description })),
    },
    { title: 'Tools', items: catalog.tools.map((t) => ({ text: t.name, title: t.description })) },
  ];
}
