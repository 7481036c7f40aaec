/**
 * What the offline model says when a command needs a tool the request does not offer (a read-only
 * agent asked to write): which tool is missing and which it has, instead of failing oddly or
 * pretending to have done it.
 */

/** What each tool lets the model do, for "I can't <do>". */
const ABILITIES: Record<string, string> = {
  write_file: 'write files',
  edit_file: 'edit files',
  delete_file: 'delete files',
  read_file: 'read files',
  list_files: 'list files',
  search_files: 'search files',
  create_agent: 'create agents',
  command_agent: 'command agents',
  list_agents: 'list agents',
  check_agent_status: 'check agents',
  interrupt_agent: 'interrupt agents',
  delete_agent: 'delete agents',
  report_cost: 'report costs',
  read_system_logs: 'read the logs',
  start_adw: 'start workflows',
  check_adw: 'check workflows',
  get_account: 'read the trading account',
  get_positions: 'read positions',
  get_quotes: 'read quotes',
  get_option_chain: 'read option chains',
  compute_greeks: 'compute Greeks',
  place_order: 'place orders',
  place_option_strategy: 'open option strategies (create an agent from the trader template)',
  cancel_order: 'cancel orders',
  close_position: 'close positions',
};

export function missingToolLine(tool: string, available: string[]): string {
  const ability = ABILITIES[tool] ?? `use ${tool}`;
  const mine = available.length > 0 ? available.join(', ') : 'none';
  return `I can't ${ability}: I have no ${tool} tool. My tools: ${mine}.`;
}
