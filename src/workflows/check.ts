/** The text `check_adw` answers: status, progress, timings, error, steps and the latest events. */

import { latestAdwEvents } from '../db/adw-list.ts';
import { findAdw, findAdwByName } from '../db/adws.ts';
import type { Database } from '../db/client.ts';
import { isUuid } from '../db/uuid.ts';
import { describeEvent } from '../events/describe.ts';
import { fromRow } from '../events/event-rows.ts';
import { ToolError } from '../tools/types.ts';
import { adwJsonOf } from './adw-view.ts';

const ICONS: Record<string, string> = {
  pending: '⏳',
  in_progress: '🔄',
  completed: '✅',
  failed: '❌',
  cancelled: '🚫',
};

export async function checkAdw(
  db: Database,
  orchestratorId: string,
  idOrName: string,
  options: { tail: number; stepDetails: boolean },
): Promise<string> {
  const row = isUuid(idOrName)
    ? await findAdw(db, idOrName)
    : await findAdwByName(db, orchestratorId, idOrName);
  if (!row || row.orchestratorId !== orchestratorId)
    throw new ToolError(`No workflow "${idOrName}" in this orchestrator.`);
  const [adw, events] = await Promise.all([
    adwJsonOf(db, row),
    latestAdwEvents(db, orchestratorId, row.id, options.tail),
  ]);
  const lines = [
    `${ICONS[adw.status] ?? ''} ${adw.name} (${adw.workflow_type}): ${adw.status}, ${adw.completed_steps}/${adw.total_steps} steps done` +
      `${adw.current_step ? `, current step ${adw.current_step}` : ''}.`,
    `Id ${adw.id}; started ${adw.started_at ?? 'not yet'}${adw.duration_ms !== null ? `, took ${Math.round(adw.duration_ms / 100) / 10} s` : ''}; cost $${adw.cost_usd.toFixed(4)}.`,
    ...(adw.error_message ? [`Error at step ${adw.error_step}: ${adw.error_message}`] : []),
    ...(options.stepDetails
      ? adw.steps.map(
          (s) =>
            `- ${s.step_index + 1}. ${s.step} [${s.status}]${s.agent_name ? ` agent ${s.agent_name}` : ''}, $${s.cost_usd.toFixed(4)}` +
            `${Object.keys(s.output).length > 0 ? `, output ${JSON.stringify(s.output).slice(0, 500)}` : ''}${s.error ? `, error ${s.error}` : ''}`,
        )
      : []),
    ...(events.length > 0 ? ['Recent events:'] : []),
    ...events.map((stored) => {
      const event = fromRow(stored);
      return `[${event.adw_step ?? '?'}] ${event.type}: ${event.summary ?? describeEvent(event)}`;
    }),
  ];
  return lines.join('\n');
}
