/**
 * The offline orchestrator's answer to agent reports (the notice src/orchestrator/agent-report.ts
 * formats when dispatched commands end): each agent's outcome in a sentence, its full result and the
 * files it changed, so the person reads in the chat what their agents did.
 */
import { type AgentReport, formatAgentReports, parseAgentReports } from '../../orchestrator/agent-report.ts';
import { OFFLINE_PREFIX } from './grammar.ts';

const BLOCK = /<agent_report [^>]*>\n[\s\S]*?\n<\/agent_report>/g;

export interface ReportsInText {
  reports: AgentReport[];
  /** The text without the notice: what the person typed beside it, if anything. */
  rest: string;
}

export function agentReportsIn(text: string): ReportsInText {
  const reports = parseAgentReports(text);
  if (reports.length === 0) return { reports, rest: text };
  // The notice's own words are what it formats with no reports.
  const rest = text.replaceAll(BLOCK, '').replace(formatAgentReports([]), '').trim();
  return { reports, rest };
}

export function agentReportsReply(reports: AgentReport[]): string {
  return `${OFFLINE_PREFIX} ${reports.map(describe).join('\n\n')}`;
}

function describe(report: AgentReport): string {
  const outcome = {
    completed: `${report.agent} finished`,
    failed: `${report.agent} failed`,
    interrupted: `${report.agent} was interrupted`,
  }[report.status];
  const result = report.result.trim();
  const said = !result
    ? `${outcome}.`
    : result.includes('\n')
      ? `${outcome}:\n${result}`
      : `${outcome}: ${result}`;
  const files =
    report.filesChanged.length > 0
      ? `Files changed: ${report.filesChanged.join(', ')}.`
      : 'No files changed.';
  return `${said}\n${files}`;
}
