/**
 * Writes the season-plan chain's bundled sample data (src/chains/season-plan/data/*.csv): 16 stores
 * and two years of weekly unit sales per store × category (Mondays from 2024-01-01, 104 weeks).
 * Deterministic (mulberry32, fixed seed), so running it again rewrites identical files. The shapes are
 * plain retail ones: a yearly seasonal curve per category (outerwear peaks in winter, dresses in
 * summer, accessories in December), ~6% growth from the first year to the second, store volume by
 * size tier, and a little noise.
 *
 *   npx tsx scripts/generate-season-plan-data.ts
 */
import { writeFileSync } from 'node:fs';
import { mulberry32 } from '../src/quant/sample-bars.ts';

const OUT = new URL('../src/chains/season-plan/data/', import.meta.url);
const WEEKS = 104;
const FIRST_MONDAY = Date.UTC(2024, 0, 1);
const YEARLY_GROWTH = 0.06;

const REGIONS = ['north', 'south', 'east', 'west'] as const;
const TIERS = [
  { tier: 'large', squareFeet: 24_000, capacity: 9_000, volume: 1.6 },
  { tier: 'medium', squareFeet: 15_000, capacity: 6_000, volume: 1.0 },
  { tier: 'small', squareFeet: 8_000, capacity: 3_500, volume: 0.6 },
] as const;

/** Base weekly units per average store, list price, and where in the year the category peaks. */
const CATEGORIES = [
  { category: 'outerwear', units: 42, price: 129, peakWeek: 48, amplitude: 0.65 },
  { category: 'dresses', units: 55, price: 69, peakWeek: 24, amplitude: 0.5 },
  { category: 'knitwear', units: 38, price: 59, peakWeek: 44, amplitude: 0.45 },
  { category: 'accessories', units: 70, price: 24, peakWeek: 50, amplitude: 0.3 },
] as const;

const random = mulberry32(20_240_101);

const stores = Array.from({ length: 16 }, (_, index) => {
  const tier = TIERS[index % 5 === 0 ? 0 : index % 3 === 0 ? 2 : 1] ?? TIERS[1];
  return {
    store_id: `S${String(index + 1).padStart(2, '0')}`,
    region: REGIONS[index % REGIONS.length] ?? 'north',
    size_tier: tier.tier,
    square_feet: tier.squareFeet + Math.round(random() * 20) * 100,
    capacity_units: tier.capacity,
    opened: `${2012 + (index % 10)}-0${1 + (index % 9)}-01`,
    volume: tier.volume * (0.9 + random() * 0.2),
  };
});

const storeLines = ['store_id,region,size_tier,square_feet,capacity_units,opened'];
for (const store of stores) {
  storeLines.push(
    [
      store.store_id,
      store.region,
      store.size_tier,
      store.square_feet,
      store.capacity_units,
      store.opened,
    ].join(','),
  );
}

const salesLines = ['week_start,store_id,category,units_sold,avg_price'];
for (let week = 0; week < WEEKS; week++) {
  const weekStart = new Date(FIRST_MONDAY + week * 7 * 86_400_000).toISOString().slice(0, 10);
  const growth = (1 + YEARLY_GROWTH) ** (week / 52);
  for (const store of stores) {
    for (const spec of CATEGORIES) {
      const phase = (2 * Math.PI * ((week % 52) - spec.peakWeek)) / 52;
      const season = 1 + spec.amplitude * Math.cos(phase);
      const noise = 0.85 + random() * 0.3;
      const units = Math.max(0, Math.round(spec.units * store.volume * season * growth * noise));
      // Prices drift down in the off season (markdowns) and sit at list price near the peak.
      const price = spec.price * (0.8 + 0.2 * ((1 + Math.cos(phase)) / 2));
      salesLines.push([weekStart, store.store_id, spec.category, units, price.toFixed(2)].join(','));
    }
  }
}

writeFileSync(new URL('stores.csv', OUT), `${storeLines.join('\n')}\n`);
writeFileSync(new URL('historical-sales.csv', OUT), `${salesLines.join('\n')}\n`);
console.log(`wrote ${stores.length} stores and ${salesLines.length - 1} sales rows`);
