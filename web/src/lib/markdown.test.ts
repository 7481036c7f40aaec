import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('renders markdown and escapes raw HTML', () => {
    expect(renderMarkdown('**bold** <img src=x onerror=alert(1)>')).toBe(
      '<p><strong>bold</strong> &lt;img src=x onerror=alert(1)&gt;</p>\n',
    );
  });

  it('refuses javascript: links and opens others in a new tab', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href="javascript');
    expect(renderMarkdown('[x](https://example.com)')).toContain('rel="noopener noreferrer"');
  });
});
