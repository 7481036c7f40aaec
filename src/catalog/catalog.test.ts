import { describe, expect, it } from 'vitest';
import { MODEL_ALIASES } from '../model/models.ts';
import {
  agentTemplates,
  CATALOG_TOOL_NAMES,
  CatalogError,
  catalogSummary,
  expandSlashCommand,
  FrontmatterError,
  findAgentTemplate,
  findSlashCommand,
  parseAgentTemplate,
  parseSlashCommand,
  slashCommands,
  WORKFLOW_TOOL_NAMES,
} from './index.ts';
import { AGENT_SOURCES, COMMAND_SOURCES } from './sources.ts';

// The tools the product defines (spec): the workspace file tools, the workflow tools, update_expertise,
// the trading desk's tools.
const KNOWN_TOOLS = [
  'list_files',
  'read_file',
  'write_file',
  'edit_file',
  'delete_file',
  'search_files',
  'submit_plan',
  'submit_review',
  'submit_fix_report',
  'update_expertise',
  'get_account',
  'get_positions',
  'get_quotes',
  'get_option_chain',
  'compute_greeks',
  'place_order',
  'place_option_strategy',
  'cancel_order',
  'close_position',
];
const NOW = new Date('2026-08-01T09:08:07Z');

/** Tool names a prompt mentions in backticks, e.g. `read_file` or `edit_file(path, …)`. */
function mentionedTools(body: string): string[] {
  return KNOWN_TOOLS.filter((tool) => new RegExp(`\`${tool}[\`(]`).test(body));
}

describe('bundled files', () => {
  it('are bundled as text (the wrangler.toml module rule works in this runtime)', () => {
    for (const source of [...Object.values(AGENT_SOURCES), ...Object.values(COMMAND_SOURCES)]) {
      expect(typeof source).toBe('string');
      expect(source.startsWith('---\n')).toBe(true);
    }
  });

  it.each(Object.entries(AGENT_SOURCES))(
    'agents/%s.md validates and its name matches the file',
    (key, source) => {
      const template = parseAgentTemplate(source, `${key}.md`);
      expect(template.name).toBe(key);
      expect(template.systemPrompt.length).toBeGreaterThan(200);
    },
  );

  it.each(Object.entries(COMMAND_SOURCES))('commands/%s.md validates', (key, source) => {
    const command = parseSlashCommand(source, key, `${key}.md`);
    expect(command.description.length).toBeGreaterThan(10);
  });

  it('include the required agent templates and slash commands', () => {
    expect(agentTemplates().map((template) => template.name)).toEqual(
      expect.arrayContaining(['planner', 'builder', 'reviewer', 'scout']),
    );
    expect(slashCommands().map((command) => command.name)).toEqual(
      expect.arrayContaining(['plan', 'build', 'review', 'fix', 'question', 'prime']),
    );
  });

  it('name only known tools, and the catalog knows exactly the product tools', () => {
    expect([...CATALOG_TOOL_NAMES].sort()).toEqual([...KNOWN_TOOLS].sort());
    for (const template of agentTemplates()) {
      for (const tool of template.tools) expect(KNOWN_TOOLS, template.name).toContain(tool);
    }
    for (const command of slashCommands()) {
      for (const tool of command.allowedTools ?? []) expect(KNOWN_TOOLS, command.name).toContain(tool);
    }
  });

  it('allow every tool their prompts tell the model to call', () => {
    for (const template of agentTemplates()) {
      expect(template.tools, template.name).toEqual(
        expect.arrayContaining(mentionedTools(template.systemPrompt)),
      );
    }
    for (const command of slashCommands()) {
      const allowed = command.allowedTools ?? KNOWN_TOOLS;
      expect(allowed, command.name).toEqual(expect.arrayContaining(mentionedTools(command.body)));
    }
  });

  it('keep read-only roles read-only', () => {
    const writers = ['write_file', 'edit_file', 'delete_file'];
    expect(findAgentTemplate('scout')?.tools.filter((tool) => writers.includes(tool))).toEqual([]);
    for (const name of ['question', 'prime']) {
      expect(
        findSlashCommand(name)?.allowedTools?.filter((tool) => writers.includes(tool)),
        name,
      ).toEqual([]);
    }
    // The reviewer writes its report but never edits or deletes code.
    expect(findSlashCommand('review')?.allowedTools).not.toContain('edit_file');
    expect(findAgentTemplate('reviewer')?.tools).not.toContain('edit_file');
  });

  it('use only the placeholders the expander fills', () => {
    for (const command of slashCommands()) {
      const placeholders = command.body.match(/\$[A-Za-z0-9_]+/g) ?? [];
      for (const placeholder of placeholders) {
        expect(placeholder, command.name).toMatch(/^\$(?:ARGUMENTS|TIMESTAMP|[1-9])$/);
      }
    }
    for (const template of agentTemplates())
      expect(template.systemPrompt, template.name).not.toMatch(/\$[A-Z0-9]/);
  });

  it('name models that resolve through the model table', () => {
    const models = [
      ...agentTemplates().map((template) => template.model),
      ...slashCommands().flatMap((command) => (command.model ? [command.model] : [])),
    ];
    for (const model of models) expect(Object.keys(MODEL_ALIASES)).toContain(model);
  });

  it('end each workflow command with its structured tool and state the verdict rule', () => {
    const calls = { plan: 'submit_plan', review: 'submit_review', fix: 'submit_fix_report' };
    for (const [name, tool] of Object.entries(calls)) {
      const command = findSlashCommand(name);
      expect(command?.allowedTools, name).toContain(tool);
      expect(command?.body, name).toContain(`\`${tool}\``);
    }
    const review = findSlashCommand('review')?.body ?? '';
    expect(review).toMatch(/FAIL if and only if there is at least one BLOCKER/);
    expect(review).toContain('app_review/review_$TIMESTAMP.md');
    for (const heading of [
      '## Quick Reference',
      '🚨 BLOCKERS',
      '⚠️ HIGH RISK',
      '⚡ MEDIUM RISK',
      '💡 LOW RISK',
    ]) {
      expect(review).toContain(heading);
    }
    const fix = findSlashCommand('fix')?.body ?? '';
    expect(fix).toContain('app_fix_reports/fix_$TIMESTAMP.md');
    expect(fix).toContain('✅ ALL FIXED | ⚠️ PARTIAL | ❌ BLOCKED');
    expect(findSlashCommand('plan')?.body).toContain('specs/');
  });
});

describe('lookups', () => {
  it('find templates and commands by name, and copies cannot change the catalog', () => {
    const planner = findAgentTemplate(' Planner ');
    expect(planner?.model).toBe('opus');
    planner?.tools.push('delete_file');
    expect(findAgentTemplate('planner')?.tools).not.toContain('delete_file');
    expect(findAgentTemplate('nobody')).toBeUndefined();
    expect(findSlashCommand('/review')?.argumentHint).toBe('[user prompt] [plan path]');
    expect(findSlashCommand('nothing')).toBeUndefined();
  });
});

describe('expandSlashCommand over the bundled commands', () => {
  it('expands /review as the workflow calls it', () => {
    const expanded = expandSlashCommand('/review "Create a \\"markdown\\" app" specs/markdown-app.md', NOW);
    expect(expanded?.command.name).toBe('review');
    expect(expanded?.prompt).toContain('USER_PROMPT: Create a "markdown" app\n');
    expect(expanded?.prompt).toContain('PLAN_PATH: specs/markdown-app.md\n');
    expect(expanded?.prompt).toContain('`app_review/review_20260801_090807.md`');
    expect(expanded?.prompt).not.toMatch(/\$(?:ARGUMENTS|TIMESTAMP|[1-9])/);
  });

  it('expands /plan with the whole prompt and /fix with missing arguments empty', () => {
    expect(expandSlashCommand('/plan Add dark mode, with a toggle', NOW)?.prompt).toContain(
      'USER_PROMPT: Add dark mode, with a toggle\n',
    );
    const fix = expandSlashCommand('/fix "Add dark mode" specs/dark-mode.md', NOW)?.prompt ?? '';
    expect(fix).toContain('REVIEW_PATH: \n');
    expect(fix).toContain('app_fix_reports/fix_20260801_090807.md');
  });

  it('leaves unknown commands and ordinary text to the model', () => {
    expect(expandSlashCommand('/unknown thing', NOW)).toBeUndefined();
    expect(expandSlashCommand('Tell the builder to /build specs/x.md', NOW)).toBeUndefined();
  });
});

describe('catalogSummary', () => {
  it('is plain JSON with what the console lists, without prompt bodies', () => {
    const summary = catalogSummary();
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    expect(summary.slashCommands.find((command) => command.name === 'question')).toEqual({
      name: 'question',
      description: 'Answers a question about the project from its files, without changing anything',
      argumentHint: '[question]',
      model: null,
      allowedTools: ['list_files', 'read_file', 'search_files'],
    });
    expect(summary.agentTemplates.find((template) => template.name === 'scout')).toEqual({
      name: 'scout',
      description: expect.stringContaining('read-only'),
      tools: ['list_files', 'read_file', 'search_files'],
      model: 'haiku',
      color: '#2563eb',
    });
    expect(JSON.stringify(summary)).not.toContain('## Workflow');
    const workflowTools = summary.agentTemplates.flatMap((template) => template.tools);
    for (const tool of WORKFLOW_TOOL_NAMES) expect(workflowTools).toContain(tool);
  });
});

describe('schema validation', () => {
  const agent = (frontmatter: string) => `---\n${frontmatter}\n---\nYou are a test agent.`;
  const valid = 'name: t\ndescription: d\ntools: [read_file]\nmodel: haiku\ncolor: red';

  it('accepts a valid template and comma-separated tools', () => {
    expect(parseAgentTemplate(agent(valid), 't.md').tools).toEqual(['read_file']);
    const comma = parseAgentTemplate(agent(valid.replace('[read_file]', 'read_file, list_files')), 't.md');
    expect(comma.tools).toEqual(['read_file', 'list_files']);
  });

  it.each([
    ['an unknown tool', valid.replace('[read_file]', '[read_file, bash]'), /tools/],
    ['a duplicate tool', valid.replace('[read_file]', '[read_file, read_file]'), /twice/],
    ['an empty comma item', valid.replace('[read_file]', 'read_file,,list_files'), /tools/],
    ['an unknown model', valid.replace('haiku', 'gpt'), /model/],
    ['a bad colour', valid.replace('red', 'bleu'), /CSS colour/],
    ['a bad hex colour', valid.replace('red', '"#12345"'), /CSS colour/],
    ['an unknown key', `${valid}\nextra: x`, /extra|unrecognized/i],
    ['a missing key', valid.replace('description: d\n', ''), /description/],
    ['a non-kebab name', valid.replace('name: t', 'name: Bad_Name'), /kebab/],
    ['a list where a string belongs', valid.replace('description: d', 'description: [d]'), /description/],
  ])('rejects %s, naming the file', (_label, frontmatter, message) => {
    expect(() => parseAgentTemplate(agent(frontmatter), 'bad.md')).toThrowError(CatalogError);
    expect(() => parseAgentTemplate(agent(frontmatter), 'bad.md')).toThrowError(/^bad\.md: /);
    expect(() => parseAgentTemplate(agent(frontmatter), 'bad.md')).toThrowError(message);
  });

  it('rejects an empty body and passes frontmatter syntax errors through', () => {
    expect(() => parseAgentTemplate(`---\n${valid}\n---\n\n`, 'e.md')).toThrowError(/body\) is empty/);
    expect(() => parseSlashCommand('---\ndescription: a: b\n---\nx', 'c', 'c.md')).toThrowError(
      FrontmatterError,
    );
  });

  it('reads commands: optional keys, a comma string of tools, an unquoted list hint', () => {
    const minimal = parseSlashCommand('---\ndescription: Does it\n---\nBody', 'x', 'x.md');
    expect(minimal).toEqual({ name: 'x', description: 'Does it', argumentHint: '', body: 'Body' });
    const full = parseSlashCommand(
      '---\ndescription: d\nargument-hint: [user prompt, plan path]\nmodel: sonnet\n' +
        'allowed-tools: read_file, submit_plan\n---\nBody',
      'y',
      'y.md',
    );
    expect(full).toMatchObject({
      argumentHint: '[user prompt] [plan path]',
      model: 'sonnet',
      allowedTools: ['read_file', 'submit_plan'],
    });
    expect(() =>
      parseSlashCommand('---\ndescription: d\nallowed-tools: Bash\n---\nB', 'z', 'z.md'),
    ).toThrowError(/allowed-tools/);
  });
});
