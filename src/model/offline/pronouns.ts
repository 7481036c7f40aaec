/**
 * "create an agent called scout and ask it to …": `it` / `them` name the agents created or named just
 * before in the same message or, failing that, those of the conversation's latest creation. A pronoun
 * with nothing (or, for `it`, more than one agent) to refer to gets a hint, never a call that
 * names an agent "it".
 */
import { contentBlocks } from '../wire/index.ts';
import type { MessagesRequest } from '../wire/types.ts';
import { type Intent, type ToolIntent, unknownIntent } from './grammar.ts';

export function resolvePronouns(intents: Intent[], created: string[]): Intent[] {
  const resolved: Intent[] = [];
  let recent = created;
  let naming = false;
  for (const intent of intents) {
    const named = intent.kind === 'tool' && !intent.refersTo ? namedAgent(intent) : undefined;
    if (named) {
      // Consecutive calls naming agents form one group: "create agents a and b and ask them to …".
      recent = naming ? [...new Set([...recent, named])] : [named];
      naming = true;
      resolved.push(intent);
      continue;
    }
    naming = false;
    resolved.push(...(intent.kind === 'tool' && intent.refersTo ? resolve(intent, recent) : [intent]));
  }
  return resolved;
}

/** The agent a call creates or names ("tell scout to …; then ask it to …" means scout). */
function namedAgent(intent: ToolIntent): string | undefined {
  const name = intent.name === 'create_agent' ? intent.input.name : intent.input.agent_name;
  return typeof name === 'string' && name.length > 0 ? name : undefined;
}

function resolve(intent: ToolIntent, recent: string[]): Intent[] {
  const { refersTo, ...call } = intent;
  if (!refersTo) return [intent];
  if (recent.length === 0) {
    return [
      unknownIntent(
        refersTo.clause,
        `"${refersTo.word}" names no agent yet: name it, e.g. "tell scout to …" or ` +
          `"create an agent called scout and ask it to …".`,
      ),
    ];
  }
  if (!refersTo.plural && recent.length > 1) {
    return [
      unknownIntent(
        refersTo.clause,
        `"${refersTo.word}" could be ${recent.join(' or ')}: name the agent, or say "them" for all.`,
      ),
    ];
  }
  return recent.map((agent) => ({ ...call, input: { ...call.input, agent_name: agent } }));
}

/**
 * The agents the conversation's latest assistant message that created any created (without an error
 * result), which a pronoun in a later message refers to.
 */
export function lastCreatedAgents(request: MessagesRequest): string[] {
  const failed = new Set<string>();
  for (const message of request.messages) {
    for (const block of contentBlocks(message)) {
      if (block.type === 'tool_result' && block.is_error) failed.add(block.tool_use_id);
    }
  }
  for (const message of request.messages.toReversed()) {
    if (message.role !== 'assistant') continue;
    const names = contentBlocks(message).flatMap((block) =>
      block.type === 'tool_use' && block.name === 'create_agent' && !failed.has(block.id)
        ? [String((block.input as { name?: unknown }).name ?? '')]
        : [],
    );
    if (names.some((name) => name.length > 0)) return names.filter((name) => name.length > 0);
  }
  return [];
}
