import { describe, expect, it } from 'vitest';
import { parseAgentTemplate } from '../catalog/index.ts';
import {
  agentGrants,
  effectiveGrants,
  grantCovers,
  grantedServers,
  isMcpGrant,
  toolAllowed,
} from './grants.ts';

describe('MCP grants', () => {
  it('are mcp__<server>__* or mcp__<server>__<tool>', () => {
    expect(isMcpGrant('mcp__docs__*')).toBe(true);
    expect(isMcpGrant('mcp__docs__search')).toBe(true);
    for (const grant of [
      'read_file',
      'mcp__docs__sea rch',
      'mcp__docs__a*',
      'mcp__Docs__*',
      'mcp__*__x',
      'mcp__docs__',
    ]) {
      expect(isMcpGrant(grant)).toBe(false);
    }
  });

  it('cover a whole server or one tool', () => {
    expect(grantCovers('mcp__docs__*', 'mcp__docs__search')).toBe(true);
    expect(grantCovers('mcp__docs__*', 'mcp__docs2__search')).toBe(false);
    expect(grantCovers('mcp__docs__search', 'mcp__docs__search')).toBe(true);
    expect(grantCovers('mcp__docs__search', 'mcp__docs__searchall')).toBe(false);
    expect(grantCovers('read_file', 'read_file')).toBe(false);
  });

  it('combine the template’s and the agent’s; a command only narrows', () => {
    const sources = { template: ['read_file', 'mcp__docs__search'], agent: ['mcp__calc__*'] };
    expect(effectiveGrants(sources)).toEqual(['mcp__docs__search', 'mcp__calc__*']);
    expect(grantedServers(effectiveGrants(sources))).toEqual(['docs', 'calc']);
    expect(toolAllowed('mcp__docs__search', sources)).toBe(true);
    expect(toolAllowed('mcp__docs__fetch', sources)).toBe(false);
    expect(toolAllowed('mcp__calc__add', sources)).toBe(true);
    const narrowed = { ...sources, command: ['read_file', 'mcp__calc__add'] };
    expect(toolAllowed('mcp__calc__add', narrowed)).toBe(true);
    expect(toolAllowed('mcp__calc__sub', narrowed)).toBe(false);
    expect(toolAllowed('mcp__docs__search', narrowed)).toBe(false);
    // A command cannot grant what neither the template nor the agent has.
    expect(toolAllowed('mcp__web__get', { command: ['mcp__web__*'] })).toBe(false);
  });

  it('read the agent’s grants from its metadata, ignoring anything malformed', () => {
    expect(agentGrants({ mcp_tools: ['mcp__docs__*', 'read_file', 7, 'mcp__x__y'] })).toEqual([
      'mcp__docs__*',
      'mcp__x__y',
    ]);
    expect(agentGrants({ mcp_tools: 'mcp__docs__*' })).toEqual([]);
    expect(agentGrants({})).toEqual([]);
  });

  it('may be listed in a template’s tools next to built-in names', () => {
    const source = [
      '---',
      'name: researcher',
      'description: Looks things up.',
      'tools: [read_file, mcp__docs__*, mcp__calc__add]',
      'model: haiku',
      'color: blue',
      '---',
      'You research.',
    ].join('\n');
    expect(parseAgentTemplate(source, 'researcher.md').tools).toEqual([
      'read_file',
      'mcp__docs__*',
      'mcp__calc__add',
    ]);
    expect(() => parseAgentTemplate(source.replace('mcp__calc__add', 'mcp__Calc__add'), 'bad.md')).toThrow(
      /must be one of .*, or an MCP grant/,
    );
  });
});
