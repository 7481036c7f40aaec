/**
 * A small finance keyword lexicon: the offline model's sentiment reading of headlines, and a
 * deterministic baseline anyone can check by hand. Words are matched whole and case-insensitively;
 * a headline's summary counts like its headline.
 */

const POSITIVE = [
  'beat',
  'beats',
  'surge',
  'surges',
  'rally',
  'rallies',
  'gain',
  'gains',
  'record',
  'upgrade',
  'upgraded',
  'growth',
  'strong',
  'stronger',
  'inflows',
  'rebound',
  'rebounds',
  'optimism',
  'bullish',
  'rises',
  'rise',
  'soars',
  'cooling',
  'easing',
  'outperform',
  'raises',
  'higher',
  'buyback',
] as const;

const NEGATIVE = [
  'miss',
  'misses',
  'plunge',
  'plunges',
  'slump',
  'slumps',
  'loss',
  'losses',
  'downgrade',
  'downgraded',
  'weak',
  'weaker',
  'outflows',
  'selloff',
  'sell-off',
  'fears',
  'recession',
  'bearish',
  'falls',
  'fall',
  'drops',
  'drop',
  'lawsuit',
  'probe',
  'cuts',
  'lower',
  'tumbles',
  'hot',
  'default',
] as const;

const POSITIVE_SET: ReadonlySet<string> = new Set(POSITIVE);
const NEGATIVE_SET: ReadonlySet<string> = new Set(NEGATIVE);

export interface LexiconReading {
  /** (positive − negative) / (positive + negative) over every hit, in [−1, 1]; 0 without hits. */
  score: number;
  /** Share of headlines with at least one hit, scaled down below five headlines; in [0, 1]. */
  confidence: number;
  positive: string[];
  negative: string[];
  headlines: number;
}

/** Below this many headlines a reading is thin, whatever they say. */
const FULL_CONFIDENCE_HEADLINES = 5;

export function readSentiment(
  items: ReadonlyArray<{ headline: string; summary?: string | undefined }>,
): LexiconReading {
  const positive: string[] = [];
  const negative: string[] = [];
  let withHits = 0;
  for (const item of items) {
    const words = wordsOf(`${item.headline} ${item.summary ?? ''}`);
    const pos = words.filter((word) => POSITIVE_SET.has(word));
    const neg = words.filter((word) => NEGATIVE_SET.has(word));
    if (pos.length + neg.length > 0) withHits += 1;
    positive.push(...pos);
    negative.push(...neg);
  }
  const hits = positive.length + negative.length;
  const score = hits === 0 ? 0 : (positive.length - negative.length) / hits;
  const coverage = items.length === 0 ? 0 : withHits / items.length;
  const depth = Math.min(1, items.length / FULL_CONFIDENCE_HEADLINES);
  return {
    score: round(score, 3),
    confidence: round(coverage * depth, 3),
    positive,
    negative,
    headlines: items.length,
  };
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+(?:-[a-z]+)*/g) ?? [];
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  // -0 reads oddly in JSON and in tests.
  return rounded === 0 ? 0 : rounded;
}
