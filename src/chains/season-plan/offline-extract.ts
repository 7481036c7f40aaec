/**
 * The season parameters read from a sentence without a model: a small keyword grammar, used when no
 * model is configured. It understands sentences such as
 * "Plan a 12-week spring season starting March 2 with no replenishment and a 25% holdback,
 * markdown at week 6 if sell-through is below 60%", and dates as YYYY-MM-DD, "March 2", "2 March 2026".
 * It returns what it found, untouched: validation and defaults are the caller's (extract.ts), so the
 * offline and the model paths end in the same rules.
 */

export interface OfflineExtraction {
  /** The fields the sentence states, raw (a "150%" holdback is 1.5 here, for validation to refuse). */
  found: Record<string, unknown>;
  /** Share of the five required fields the sentence states itself. */
  confidence: number;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH = `(${MONTHS.map((name) => `${name.slice(0, 3)}(?:${name.slice(3)})?`).join('|')})\\.?`;
const ISO = '(\\d{4}-\\d{2}-\\d{2})';
const MONTH_DAY = `${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?`;
const DAY_MONTH = `(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4}))?`;
const DATE = `(?:${ISO}|${MONTH_DAY}|${DAY_MONTH})`;
const START_WORDS =
  '(?:starting(?:\\s+on)?|starts?(?:\\s+on)?|beginning(?:\\s+on)?|begins?(?:\\s+on)?|from|on)';
const END_WORDS = '(?:ending(?:\\s+on)?|ends?(?:\\s+on)?|to|until|till|through|thru)';
const NUMBER = '(\\d+(?:\\.\\d+)?)';

/** Reads the parameters a sentence states. `today` (YYYY-MM-DD) anchors dates given without a year. */
export function extractOffline(text: string, today: string): OfflineExtraction {
  const sentence = text.toLowerCase().replace(/\s+/g, ' ');
  const found: Record<string, unknown> = {};

  const weeks =
    /(\d{1,3})\s*-?\s*(?:weeks?|wks?)\b/.exec(sentence) ?? /\bweeks?\s*[:=]?\s*(\d{1,3})\b/.exec(sentence);
  if (weeks?.[1]) found.forecast_horizon_weeks = Number(weeks[1]);

  const start = new RegExp(`${START_WORDS}\\s+${DATE}`).exec(sentence);
  const end = new RegExp(`${END_WORDS}\\s+${DATE}`).exec(sentence);
  const startDate = start ? dateFrom(start.slice(1), today) : firstDate(sentence, today);
  if (startDate) found.season_start_date = startDate;
  const endDate = end ? dateFrom(end.slice(1), startDate ?? today) : undefined;
  if (endDate) found.season_end_date = endDate;

  const replenishment = replenishmentIn(sentence);
  if (replenishment) found.replenishment_strategy = replenishment;

  const holdback =
    new RegExp(`${NUMBER}\\s*%\\s*(?:dc\\s+|distribution[- ]cent(?:er|re)\\s+)?hold\\s*-?\\s*back`).exec(
      sentence,
    ) ?? new RegExp(`hold\\s*-?\\s*back(?:\\s+(?:of|at|is))?\\s*:?\\s*${NUMBER}\\s*(%?)`).exec(sentence);
  if (holdback?.[1]) {
    const value = Number(holdback[1]);
    const percent = holdback[0].includes('%') || value > 1;
    found.dc_holdback_percentage = percent ? round(value / 100) : value;
  } else if (/\bno\s+(?:dc\s+)?hold\s*-?\s*back\b/.test(sentence)) {
    found.dc_holdback_percentage = 0;
  }

  const checkpoint =
    /markdowns?\s+(?:check(?:point)?\s+)?(?:at|in|after|on)\s+week\s+(\d{1,3})/.exec(sentence) ??
    /week\s+(\d{1,3})\s+markdown/.exec(sentence) ??
    /checkpoint\s+(?:at\s+)?week\s+(\d{1,3})/.exec(sentence);
  if (checkpoint?.[1]) found.markdown_checkpoint_week = Number(checkpoint[1]);

  const threshold =
    new RegExp(`sell[- ]?through(?:\\s+is)?\\s+(?:below|under|less than|<)\\s*${NUMBER}\\s*%`).exec(
      sentence,
    ) ?? new RegExp(`(?:markdown\\s+)?threshold(?:\\s+of)?\\s*:?\\s*${NUMBER}\\s*(%?)`).exec(sentence);
  if (threshold?.[1]) {
    const value = Number(threshold[1]);
    found.markdown_threshold = threshold[0].includes('%') || value > 1 ? round(value / 100) : value;
  }

  const required = [
    'forecast_horizon_weeks',
    'season_start_date',
    'replenishment_strategy',
    'dc_holdback_percentage',
  ];
  const stated =
    required.filter((field) => field in found).length +
    (endDate || 'forecast_horizon_weeks' in found ? 1 : 0);
  return { found, confidence: round(stated / 5) };
}

function replenishmentIn(sentence: string): string | undefined {
  if (
    /\b(?:no|without|zero)\s+replenish|replenishment\s*[:=]?\s*none|one[- ]shot buy|single buy/.test(sentence)
  ) {
    return 'none';
  }
  if (/\bbi-?weekly|every (?:two|2) weeks|fortnightly/.test(sentence)) return 'bi-weekly';
  if (/\bweekly\b|every week/.test(sentence)) return 'weekly';
  return undefined;
}

function firstDate(sentence: string, today: string): string | undefined {
  const match = new RegExp(DATE).exec(sentence);
  return match ? dateFrom(match.slice(1), today) : undefined;
}

/**
 * The date from one DATE match's groups: ISO, month-day-year or day-month-year. Without a year, the
 * first such day on or after `notBefore`.
 */
function dateFrom(groups: Array<string | undefined>, notBefore: string): string | undefined {
  const [iso, monthA, dayA, yearA, dayB, monthB, yearB] = groups;
  if (iso) return iso;
  const monthName = monthA ?? monthB;
  const day = Number(dayA ?? dayB);
  const month = MONTHS.findIndex((name) => monthName !== undefined && name.startsWith(monthName.slice(0, 3)));
  if (month < 0 || !day) return undefined;
  const explicitYear = yearA ?? yearB;
  if (explicitYear) return isoDay(Number(explicitYear), month, day);
  const anchorYear = Number(notBefore.slice(0, 4));
  const candidate = isoDay(anchorYear, month, day);
  return candidate >= notBefore ? candidate : isoDay(anchorYear + 1, month, day);
}

function isoDay(year: number, month: number, day: number): string {
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
