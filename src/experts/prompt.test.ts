import { describe, expect, it } from 'vitest';
import { expertiseDomainOf } from './agent-domain.ts';
import { expertiseSection, parseExpertiseSection } from './prompt.ts';

describe('expertiseSection', () => {
  it('ends with the document between tags, which parse back exactly', () => {
    const content = '# WebSocket\n- server: src/ws.ts\n';
    const section = expertiseSection('websocket', { content, version: 3, lines: 2, maxLines: 40 });
    expect(section).toContain('version 3, 2 of at most 40 lines');
    expect(section.endsWith('</expertise>')).toBe(true);
    expect(parseExpertiseSection(`Base prompt.\n\n${section}`)).toEqual({
      domain: 'websocket',
      version: 3,
      content,
    });
  });

  it('tells an expert with no document yet to create it, with an empty section', () => {
    const section = expertiseSection('database', undefined);
    expect(section).toContain('No expertise document exists yet for "database"');
    expect(section).toContain('create it with update_expertise');
    expect(parseExpertiseSection(section)).toEqual({ domain: 'database', version: 0, content: '' });
  });
});

describe('expertiseDomainOf', () => {
  it('takes the domain chosen at creation, else the template’s, else none', () => {
    expect(expertiseDomainOf({ template: 'expert', metadata: { expertise_domain: 'billing' } })).toBe(
      'billing',
    );
    expect(expertiseDomainOf({ template: 'expert', metadata: {} })).toBe('general');
    expect(expertiseDomainOf({ template: 'websocket-expert', metadata: {} })).toBe('websocket');
    expect(expertiseDomainOf({ template: 'builder', metadata: {} })).toBeUndefined();
    expect(
      expertiseDomainOf({ template: null, metadata: { expertise_domain: 'Not A Domain' } }),
    ).toBeUndefined();
  });
});
