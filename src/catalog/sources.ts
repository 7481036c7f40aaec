/**
 * The bundled Markdown sources, keyed by file name (without `.md`). Static imports, because a Worker
 * has no file system: wrangler.toml's `Text` rule for `**\/*.md` turns each into a string at build time
 * (and the vitest plugin applies the same rule). Add a file here to add it to the catalog.
 */
import builder from './agents/builder.md';
import databaseExpert from './agents/database-expert.md';
import documenter from './agents/documenter.md';
import expert from './agents/expert.md';
import planner from './agents/planner.md';
import reviewer from './agents/reviewer.md';
import scout from './agents/scout.md';
import trader from './agents/trader.md';
import websocketExpert from './agents/websocket-expert.md';
import build from './commands/build.md';
import fix from './commands/fix.md';
import plan from './commands/plan.md';
import prime from './commands/prime.md';
import question from './commands/question.md';
import review from './commands/review.md';
import selfImprove from './commands/self-improve.md';

export const AGENT_SOURCES: Readonly<Record<string, string>> = {
  builder,
  'database-expert': databaseExpert,
  documenter,
  expert,
  planner,
  reviewer,
  scout,
  trader,
  'websocket-expert': websocketExpert,
};

export const COMMAND_SOURCES: Readonly<Record<string, string>> = {
  build,
  fix,
  plan,
  prime,
  question,
  review,
  'self-improve': selfImprove,
};
