/**
 * Outcomes of command agents' commands that the orchestrator has not read yet, in the object's
 * SQLite: a report written here survives an eviction until a turn takes it into the conversation.
 */
import type { AgentReport, AgentReportStatus } from '../orchestrator/agent-report.ts';

interface ReportRow extends Record<string, SqlStorageValue> {
  agent: string;
  status: string;
  command: string;
  result: string;
  files_changed: string;
}

export class AgentReportQueue {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`create table if not exists agent_reports (
      prompt_id text primary key, agent text not null, status text not null, command text not null,
      result text not null, files_changed text not null, created_at integer not null)`);
  }

  /** Keyed by the command's prompt id, so recording the same outcome twice keeps one report. */
  add(promptId: string, report: AgentReport): void {
    this.sql.exec(
      `insert into agent_reports (prompt_id, agent, status, command, result, files_changed, created_at)
       values (?, ?, ?, ?, ?, ?, ?) on conflict (prompt_id) do nothing`,
      promptId,
      report.agent,
      report.status,
      report.command,
      report.result,
      JSON.stringify(report.filesChanged),
      Date.now(),
    );
  }

  get size(): number {
    return this.sql.exec<{ n: number }>('select count(*) as n from agent_reports').one().n;
  }

  /** Every waiting report, oldest first, removed from the queue in the same synchronous step. */
  takeAll(): AgentReport[] {
    const rows = this.sql
      .exec<ReportRow>('select * from agent_reports order by created_at, prompt_id')
      .toArray();
    this.sql.exec('delete from agent_reports');
    return rows.map((row) => ({
      agent: row.agent,
      status: row.status as AgentReportStatus,
      command: row.command,
      result: row.result,
      filesChanged: JSON.parse(row.files_changed) as string[],
    }));
  }
}
