/**
 * Bundled sample inputs for the bundled symbols (the same five as the sample bars), so the analysts
 * answer out of the box without a news or filings feed. Fixed and illustrative: not real news.
 */
import type { InsiderTransaction } from '../insider.ts';

export interface NewsItem {
  headline: string;
  summary?: string | undefined;
  published_at: string;
  source?: string | undefined;
}

export const SAMPLE_SYMBOLS = ['SPY', 'QQQ', 'TLT', 'GLD', 'SLV'] as const;

const NEWS: Record<string, NewsItem[]> = {
  SPY: [
    {
      headline: 'Stocks rally as earnings beat estimates',
      published_at: '2024-12-02T14:30:00Z',
      source: 'sample',
    },
    {
      headline: 'Fund inflows reach a record for the quarter',
      published_at: '2024-12-03T14:30:00Z',
      source: 'sample',
    },
    {
      headline: 'Recession fears fade as jobs growth stays strong',
      published_at: '2024-12-04T14:30:00Z',
      source: 'sample',
    },
    {
      headline: 'Energy shares drop on weak oil demand',
      published_at: '2024-12-05T14:30:00Z',
      source: 'sample',
    },
    { headline: 'Index closes at a record high', published_at: '2024-12-06T21:00:00Z', source: 'sample' },
  ],
  QQQ: [
    {
      headline: 'Chip makers surge on strong AI demand',
      published_at: '2024-12-02T14:30:00Z',
      source: 'sample',
    },
    {
      headline: 'Regulators open antitrust probe into a large platform',
      published_at: '2024-12-03T14:30:00Z',
      source: 'sample',
    },
    {
      headline: 'Software company raises guidance after earnings beat',
      published_at: '2024-12-04T14:30:00Z',
      source: 'sample',
    },
    {
      headline: 'Tech selloff deepens as yields rise',
      published_at: '2024-12-05T14:30:00Z',
      source: 'sample',
    },
    {
      headline: 'Analysts upgrade semiconductor outlook',
      published_at: '2024-12-06T14:30:00Z',
      source: 'sample',
    },
  ],
  TLT: [
    {
      headline: 'Treasury yields rise after a hot inflation print',
      published_at: '2024-12-02T14:30:00Z',
      source: 'sample',
    },
    {
      headline: 'Bond funds see outflows for a third week',
      published_at: '2024-12-03T14:30:00Z',
      source: 'sample',
    },
    {
      headline: 'Long bonds slump as rate cuts look further away',
      published_at: '2024-12-04T14:30:00Z',
      source: 'sample',
    },
    {
      headline: 'Inflation cooling hopes lift bonds briefly',
      published_at: '2024-12-05T14:30:00Z',
      source: 'sample',
    },
  ],
  GLD: [
    {
      headline: 'Gold hits a record as central banks keep buying',
      published_at: '2024-12-02T14:30:00Z',
      source: 'sample',
    },
    {
      headline: 'Safe-haven demand lifts gold; inflows continue',
      published_at: '2024-12-03T14:30:00Z',
      source: 'sample',
    },
    { headline: 'Gold eases as the dollar firms', published_at: '2024-12-04T14:30:00Z', source: 'sample' },
    {
      headline: 'Strong physical demand in Asia supports prices',
      published_at: '2024-12-05T14:30:00Z',
      source: 'sample',
    },
  ],
  SLV: [
    {
      headline: 'Silver tumbles with industrial metals',
      published_at: '2024-12-02T14:30:00Z',
      source: 'sample',
    },
    {
      headline: 'Weak factory data weighs on silver',
      published_at: '2024-12-03T14:30:00Z',
      source: 'sample',
    },
    {
      headline: 'Solar demand growth offers some support',
      published_at: '2024-12-04T14:30:00Z',
      source: 'sample',
    },
    { headline: 'Silver funds report outflows', published_at: '2024-12-05T14:30:00Z', source: 'sample' },
  ],
};

// Exchange-traded funds have no insiders of their own; these stand in for a holding's Form 4 filings.
const TRANSACTIONS: Record<string, InsiderTransaction[]> = {
  SPY: [
    {
      insider_name: 'A. Rivera (CEO)',
      transaction_date: '2024-11-04',
      transaction_code: 'P',
      shares: 2_000,
      price: 570.1,
    },
    {
      insider_name: 'J. Chen (CFO)',
      transaction_date: '2024-11-06',
      transaction_code: 'P',
      shares: 800,
      price: 575.4,
    },
    {
      insider_name: 'M. Okafor (Director)',
      transaction_date: '2024-11-12',
      transaction_code: 'S',
      shares: 500,
      price: 590.2,
    },
    {
      insider_name: 'A. Rivera (CEO)',
      transaction_date: '2024-11-20',
      transaction_code: 'A',
      shares: 10_000,
    },
  ],
  QQQ: [
    {
      insider_name: 'L. Novak (CEO)',
      transaction_date: '2024-11-05',
      transaction_code: 'S',
      shares: 12_000,
      price: 495.3,
    },
    {
      insider_name: 'R. Patel (CTO)',
      transaction_date: '2024-11-07',
      transaction_code: 'S',
      shares: 4_000,
      price: 500.8,
    },
    {
      insider_name: 'R. Patel (CTO)',
      transaction_date: '2024-11-07',
      transaction_code: 'M',
      shares: 4_000,
      price: 120,
    },
    {
      insider_name: 'S. Kim (Director)',
      transaction_date: '2024-11-18',
      transaction_code: 'P',
      shares: 300,
      price: 505.5,
    },
  ],
  TLT: [
    {
      insider_name: 'D. Weber (CFO)',
      transaction_date: '2024-11-08',
      transaction_code: 'F',
      shares: 1_500,
      price: 91.2,
    },
    {
      insider_name: 'H. Silva (Director)',
      transaction_date: '2024-11-15',
      transaction_code: 'A',
      shares: 5_000,
    },
  ],
  GLD: [
    {
      insider_name: 'P. Moreau (CEO)',
      transaction_date: '2024-11-11',
      transaction_code: 'P',
      shares: 1_000,
      price: 241.5,
    },
    {
      insider_name: 'E. Larsen (Director)',
      transaction_date: '2024-11-13',
      transaction_code: 'P',
      shares: 600,
      price: 238.9,
    },
    {
      insider_name: 'T. Grant (COO)',
      transaction_date: '2024-11-19',
      transaction_code: 'P',
      shares: 400,
      price: 243.0,
    },
  ],
  SLV: [
    {
      insider_name: 'K. Ito (CEO)',
      transaction_date: '2024-11-06',
      transaction_code: 'S',
      shares: 20_000,
      price: 29.8,
    },
    {
      insider_name: 'B. Osei (CFO)',
      transaction_date: '2024-11-14',
      transaction_code: 'S',
      shares: 8_000,
      price: 28.9,
    },
  ],
};

/** The bundled headlines of a symbol (upper case), or undefined when it is not bundled. */
export function sampleNews(symbol: string): NewsItem[] | undefined {
  return NEWS[symbol]?.map((item) => ({ ...item }));
}

/** The bundled insider transactions of a symbol (upper case), or undefined when it is not bundled. */
export function sampleTransactions(symbol: string): InsiderTransaction[] | undefined {
  return TRANSACTIONS[symbol]?.map((item) => ({ ...item }));
}
