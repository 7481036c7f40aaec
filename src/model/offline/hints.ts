/**
 * What the offline model says when it does not understand: a short hint naming the commands closest
 * to what was written (by shared keywords), instead of the whole grammar; "help" gets the grammar.
 */
import { AGENT_GRAMMAR, ORCHESTRATOR_GRAMMAR, withoutTrailingPunctuation } from './grammar.ts';
import { TRADING_GRAMMAR } from './trading-grammar.ts';

interface Usage {
  usage: string;
  words: string[];
}

const ORCHESTRATOR_USAGES: Usage[] = [
  {
    usage: 'create agent <name> [as <template>]',
    words: ['create', 'make', 'new', 'add', 'agent', 'called', 'named', 'spawn'],
  },
  { usage: 'create agents <a> and <b>', words: ['agents', 'two', 'three', 'team', 'several', 'create'] },
  {
    usage: 'tell <agent> to <command>',
    words: ['tell', 'ask', 'command', 'write', 'read', 'file'],
  },
  { usage: 'list agents', words: ['list', 'agents', 'show', 'who', 'doing'] },
  { usage: 'status of <agent>', words: ['status', 'check', 'doing', 'progress'] },
  { usage: 'interrupt <agent>', words: ['stop', 'interrupt', 'cancel', 'halt', 'abort', 'pause'] },
  { usage: 'delete <agent>', words: ['delete', 'remove', 'kill', 'destroy', 'drop'] },
  {
    usage: 'report cost',
    words: ['cost', 'costs', 'price', 'spend', 'spent', 'money', 'tokens', 'budget', 'usage'],
  },
  { usage: 'logs', words: ['log', 'logs', 'error', 'errors', 'system', 'debug'] },
  {
    usage: 'run a plan_build|plan_build_review|plan_build_review_fix workflow [named <name>]: <prompt>',
    words: ['workflow', 'plan', 'build', 'review', 'fix', 'adw', 'run', 'start', 'pipeline', 'launch'],
  },
  { usage: 'check workflow <name>', words: ['workflow', 'check', 'adw', 'status'] },
  {
    usage: 'create a trader; tell trader to open an iron condor on SPY',
    words: ['trader', 'trade', 'trading', 'iron', 'condor', 'buy', 'sell', 'positions', 'options', 'order'],
  },
];

const AGENT_USAGES: Usage[] = [
  { usage: 'write <path>: <content>', words: ['write', 'create', 'save', 'file', 'put', 'make', 'new'] },
  { usage: 'read <path>', words: ['read', 'open', 'cat', 'show', 'file', 'view', 'look'] },
  { usage: 'list files', words: ['list', 'files', 'ls', 'show'] },
  { usage: 'delete <path>', words: ['delete', 'remove', 'rm', 'file'] },
  { usage: 'search <regex>', words: ['search', 'find', 'grep', 'look', 'where'] },
  {
    usage: 'edit <path>: replace <old> with <new>',
    words: ['edit', 'replace', 'change', 'update', 'fix', 'modify'],
  },
  // A trader agent's (trading-grammar.ts).
  {
    usage: 'open an iron condor on SPY',
    words: ['iron', 'condor', 'open', 'strategy', 'spread', 'straddle', 'strangle', 'trade', 'options'],
  },
  { usage: 'buy 1 SPY call', words: ['buy', 'sell', 'call', 'put', 'contract', 'option', 'order'] },
  { usage: 'show my positions', words: ['positions', 'position', 'pnl', 'p&l', 'holdings', 'show'] },
  { usage: "what's my account", words: ['account', 'balance', 'equity', 'buying', 'power', 'cash'] },
  { usage: 'close the SPY iron condor', words: ['close', 'exit', 'position', 'condor'] },
];

const HELP =
  /^(?:help|\?|commands|usage|what\s+can\s+(?:you|i)\s+(?:do|say|ask)|what\s+do\s+you\s+(?:understand|know|do)|how\s+does\s+this\s+work|(?:show\s+(?:me\s+)?)?(?:the\s+)?(?:commands|grammar))$/i;

export type Mode = 'orchestrator' | 'agent';

/** "help", "what can you do?", "?": the whole message asks for the grammar. */
export function isHelpRequest(text: string): boolean {
  const trimmed = text.trim();
  return trimmed === '?' || HELP.test(withoutTrailingPunctuation(trimmed));
}

export function helpText(mode: Mode, tools: string[]): string {
  const trading = tools.includes('place_option_strategy') ? `\n\n${TRADING_GRAMMAR}` : '';
  const grammar =
    mode === 'orchestrator'
      ? ORCHESTRATOR_GRAMMAR
      : `${AGENT_GRAMMAR}${trading}\nMy tools: ${tools.join(', ')}.`;
  return `This is the built-in offline model, not an AI: it follows a fixed grammar (case-insensitive).\n\n${grammar}`;
}

/** Up to three commands sharing the most words with the clause (the basic ones when none do). */
export function closestCommands(clause: string, mode: Mode): string[] {
  const usages = mode === 'orchestrator' ? ORCHESTRATOR_USAGES : AGENT_USAGES;
  const words = new Set(clause.toLowerCase().match(/[a-z]+/g) ?? []);
  const scored = usages
    .map((usage, index) => ({
      usage: usage.usage,
      index,
      score: usage.words.filter((word) => words.has(word)).length,
    }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const chosen =
    scored.length > 0
      ? scored
      : usages.slice(0, 3).map((usage, index) => ({ usage: usage.usage, index, score: 0 }));
  return chosen.slice(0, 3).map((entry) => entry.usage);
}

export function closestHint(clause: string, mode: Mode): string {
  const commands = closestCommands(clause, mode).map((usage) => `"${usage}"`);
  return `Closest commands: ${commands.join(', ')}. Say "help" for all of them.`;
}
