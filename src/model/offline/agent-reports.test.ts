import { describe, expect, it } from 'vitest';
import { formatAgentReports } from '../../orchestrator/agent-report.ts';
import { agentReportsIn, agentReportsReply } from './agent-reports.ts';

const scout = {
  agent: 'scout',
  status: 'completed' as const,
  command: 'write notes/x.md: hi',
  result: '[offline model] Tool results:\n- write_file: Wrote notes/x.md (2 bytes).',
  filesChanged: ['notes/x.md'],
};

describe('agent reports', () => {
  it('finds the reports in the notice, with nothing else typed', () => {
    const { reports, rest } = agentReportsIn(formatAgentReports([scout]));
    expect(reports).toEqual([scout]);
    expect(rest).toBe('');
  });

  it('keeps text typed beside the notice', () => {
    const { reports, rest } = agentReportsIn(`${formatAgentReports([scout])}\nlist agents`);
    expect(reports).toHaveLength(1);
    expect(rest).toBe('list agents');
  });

  it('finds none in an ordinary message', () => {
    expect(agentReportsIn('list agents')).toEqual({ reports: [], rest: 'list agents' });
  });

  it('tells each outcome with the full result and the files changed', () => {
    const text = formatAgentReports([
      scout,
      {
        agent: 'critic',
        status: 'failed',
        command: 'read a.md',
        result: 'No such file: a.md',
        filesChanged: [],
      },
      { agent: 'writer', status: 'interrupted', command: 'list files', result: '', filesChanged: [] },
    ]);
    expect(agentReportsReply(agentReportsIn(text).reports)).toBe(
      '[offline model] scout finished:\n[offline model] Tool results:\n- write_file: Wrote notes/x.md (2 bytes).\n' +
        'Files changed: notes/x.md.\n\n' +
        'critic failed: No such file: a.md\nNo files changed.\n\n' +
        'writer was interrupted.\nNo files changed.',
    );
  });
});
