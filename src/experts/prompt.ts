/**
 * The section an expert agent's system prompt ends with: its expertise document as stored when the
 * command started, between `<expertise>` tags (the offline model reads it back from there). Pure.
 */
export interface PromptDocument {
  content: string;
  version: number;
  lines: number;
  maxLines: number;
}

/** The default limit of a document that does not exist yet (the column default). */
export const DEFAULT_MAX_LINES = 1_000;

export function expertiseSection(domain: string, document: PromptDocument | undefined): string {
  const maxLines = document?.maxLines ?? DEFAULT_MAX_LINES;
  const state = document
    ? `Below is your expertise document as stored now (version ${document.version}, ${document.lines} of at ` +
      `most ${maxLines} lines): what you and other agents learned about "${domain}" in this project. ` +
      'Use it as your starting point, but check a fact against the workspace before relying on it.'
    : `No expertise document exists yet for "${domain}": the section below is empty. Once you have ` +
      'learned something worth keeping, create it with update_expertise (content and a reason).';
  return [
    `## Your expertise: ${domain}`,
    '',
    `You are an expert in "${domain}": act, learn, and keep what you learned for the next agent. ${state}`,
    'When you learn something durable (where things live, how they work, pitfalls, decisions and why), ' +
      'record it with update_expertise: targeted edits (old_string/new_string) or the full content, and a ' +
      `reason. Keep it a digest: at most ${maxLines} lines, facts rather than narrative; remove what became ` +
      'false.',
    '',
    `<expertise domain="${domain}" version="${document?.version ?? 0}" max_lines="${maxLines}">`,
    ...(document && document.content !== '' ? [document.content.replace(/\n$/, '')] : []),
    '</expertise>',
  ].join('\n');
}

export interface ParsedSection {
  domain: string;
  version: number;
  content: string;
}

/** The document back out of a system prompt (the offline model's /self-improve reads it). */
export function parseExpertiseSection(system: string): ParsedSection | undefined {
  const open = /<expertise domain="([^"]+)" version="(\d+)"[^>\n]*>\n/.exec(system);
  if (!open?.[1] || !open[2]) return undefined;
  const start = open.index + open[0].length;
  const end = system.lastIndexOf('</expertise>');
  if (end < start) return undefined;
  const body = system.slice(start, end);
  return { domain: open[1], version: Number(open[2]), content: body === '' ? '' : body };
}
