/** Pure helpers of the experts view: which domain to show and how a version reads. */
import type { ExpertiseSummary, ExpertiseVersion } from './experts-api.ts';

/** Keeps the chosen domain while it exists; else the most recently updated one; null when none. */
export function pickDomain(experts: readonly ExpertiseSummary[], chosen: string | null): string | null {
  if (chosen && experts.some((expert) => expert.domain === chosen)) return chosen;
  const newest = [...experts].sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0];
  return newest?.domain ?? null;
}

/** `v3 · alpha · +2 −1`: one line naming a version, its author and its size. */
export function versionLabel(version: ExpertiseVersion): string {
  return `v${version.version} · ${version.author} · +${version.lines_added} −${version.lines_removed}`;
}

/** `12 / 1000 lines`, and whether the document is close to its limit (90 % or more). */
export function linesUsage(expert: Pick<ExpertiseSummary, 'lines' | 'max_lines'>): {
  text: string;
  near: boolean;
} {
  return {
    text: `${expert.lines} / ${expert.max_lines} lines`,
    near: expert.max_lines > 0 && expert.lines / expert.max_lines >= 0.9,
  };
}
