import { describe, expect, it } from 'vitest';
import { readSentiment } from './lexicon.ts';

describe('readSentiment', () => {
  it('scores positive minus negative over all hits, whole words only', () => {
    const reading = readSentiment([
      { headline: 'Earnings beat estimates as shares surge' },
      { headline: 'Analyst downgrade weighs', summary: 'Rebound expected' },
      { headline: 'Nothing to see' },
    ]);
    expect(reading.positive).toEqual(['beat', 'surge', 'rebound']);
    expect(reading.negative).toEqual(['downgrade']);
    expect(reading.score).toBe(0.5);
    // 2 of 3 headlines hit, 3 of 5 headlines for full depth.
    expect(reading.confidence).toBe(0.4);
  });

  it('is neutral with no confidence without headlines or hits', () => {
    expect(readSentiment([])).toMatchObject({ score: 0, confidence: 0 });
    expect(readSentiment([{ headline: 'Beaten path' }])).toMatchObject({ score: 0, confidence: 0 });
  });

  it('stays in [-1, 1]', () => {
    expect(readSentiment([{ headline: 'Plunge, losses, recession fears' }]).score).toBe(-1);
  });
});
