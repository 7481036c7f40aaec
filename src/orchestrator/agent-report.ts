/**
 * What the orchestrator is told when one of its command agents finishes a command: a user-role
 * text block the orchestrator's next turn reads (the model answers the person from it). The
 * format is plain tagged text so that any model reads it and the offline model can parse it back.
 */

export type AgentReportStatus = 'completed' | 'failed' | 'interrupted';

export interface AgentReport {
  agent: string;
  status: AgentReportStatus;
  /** The command the agent was given (shortened). */
  command: string;
  /** The agent's final answer, or the error that stopped it. */
  result: string;
  /** Files the run wrote or edited. */
  filesChanged: string[];
}

const COMMAND_LIMIT = 500;
const RESULT_LIMIT = 8_000;
const REPORT =
  /<agent_report agent="([^"]*)" status="(completed|failed|interrupted)">\n([\s\S]*?)\n<\/agent_report>/g;

export function formatAgentReports(reports: AgentReport[]): string {
  const blocks = reports.map((report) =>
    [
      `<agent_report agent="${report.agent.replaceAll('"', "'")}" status="${report.status}">`,
      `command: ${oneLine(shorten(report.command, COMMAND_LIMIT))}`,
      `files_changed: ${report.filesChanged.join(', ') || 'none'}`,
      'result:',
      shorten(report.result, RESULT_LIMIT).replaceAll('</agent_report>', '< /agent_report>'),
      '</agent_report>',
    ].join('\n'),
  );
  return [
    'Automatic notice (not typed by the user): these commands you dispatched have ended.',
    'Tell the user the outcome in a few sentences, quoting what matters of each result.',
    ...blocks,
  ].join('\n');
}

/** The reports in a text written by `formatAgentReports`; empty for any other text. */
export function parseAgentReports(text: string): AgentReport[] {
  const reports: AgentReport[] = [];
  for (const match of text.matchAll(REPORT)) {
    const [, agent = '', status = 'completed', body = ''] = match;
    const command = /^command: (.*)$/m.exec(body)?.[1] ?? '';
    const files = /^files_changed: (.*)$/m.exec(body)?.[1] ?? 'none';
    const result = body.split(/^result:\n/m)[1] ?? '';
    reports.push({
      agent,
      status: status as AgentReportStatus,
      command,
      result,
      filesChanged: files === 'none' ? [] : files.split(', '),
    });
  }
  return reports;
}

function shorten(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length - limit} more characters)`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
