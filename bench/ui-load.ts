/**
 * ui-load: the console's first load in Debian's chromium (headless) on the real local stack: time to
 * interactive, and the JavaScript each first route ships, gzipped.
 *
 * Time to interactive, per route, in a new browser context each time (empty cache, as a first visit):
 * from the navigation's start (the page's time origin) to the moment its first interactive element is
 * ready, seen by a MutationObserver installed before any of the page's scripts run (no polling from
 * here): /login → the enabled "Log in" button (a new user); / → the "Create orchestrator" button (the
 * picker, logged in: where `npm run dev`'s URL lands); /o/:id → the enabled "Message" box with the
 * event stream live. Also the navigation timing's responseEnd and domContentLoaded. Baseline in the
 * same run: a navigation to the bare /api/health (one request to the same Worker, nothing to run).
 *
 * JavaScript shipped: every script the route loaded (the page's resource timing), read from the web/dist
 * the Worker served (the stack's snapshot), and gzipped here (level 9, as a CDN would serve it; wrangler
 * dev serves it uncompressed), summed.
 * Target (from the issue): ≤ 200 KB for the first route.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { formatRatio, formatTable } from './lib/format.ts';
import { writeResult } from './lib/results.ts';
import type { Scenario } from './lib/scenario.ts';
import { percentile } from './lib/timing.ts';
import { startUiSession, type UiSession } from './lib/ui-session.ts';

const RUNS = 7;
const TARGET_KB = 200;

interface Route {
  name: string;
  path: (orchestratorId: string) => string;
  loggedIn: boolean;
  /** A JS expression, true once the route's first interactive element is ready. */
  ready: string | undefined;
}

const ROUTES: Route[] = [
  { name: 'baseline: GET /api/health', path: () => '/api/health', loggedIn: false, ready: undefined },
  {
    name: '/login (new user)',
    path: () => '/login',
    loggedIn: false,
    ready: `[...document.querySelectorAll('button')].some((b) => /^\\s*Log in\\s*$/.test(b.textContent) && !b.disabled)`,
  },
  {
    name: '/ picker (logged in)',
    path: () => '/',
    loggedIn: true,
    ready: `[...document.querySelectorAll('button')].some((b) => /Create orchestrator/.test(b.textContent))`,
  },
  {
    name: '/o/:id orchestrator (logged in)',
    path: (id) => `/o/${id}`,
    loggedIn: true,
    ready:
      `(() => { const c = document.querySelector('[data-testid="connection"]'); ` +
      `const m = document.querySelector('section[aria-label="Chat"] textarea'); ` +
      `return !!c && c.getAttribute('data-state') === 'live' && !!m && !m.disabled; })()`,
  },
];

interface Load {
  ttiMs: number;
  responseEndMs: number;
  domContentLoadedMs: number;
  scripts: string[];
}

interface RouteResult {
  name: string;
  runs: number;
  ttiP50: number;
  ttiMin: number;
  ttiMax: number;
  responseEndP50: number;
  domContentLoadedP50: number;
  scripts: { path: string; bytes: number; gzipBytes: number }[];
  jsBytes: number;
  jsGzipBytes: number;
}

export const uiLoad: Scenario = {
  name: 'ui-load',
  summary: 'time to interactive on first load and JS shipped per first route (gzip), vs a bare /api/health',
  async run() {
    const session = await startUiSession('load');
    try {
      const { stack } = session;
      const { id } = await stack.api<{ id: string }>('POST', '/orchestrators', { name: 'ui-load' });
      console.log(
        `Worker: wrangler dev --local at ${stack.baseUrl}; console: web/dist (built); chromium headless`,
      );
      // Warm-up: the Worker's first requests (module load, database connections), not the browser's.
      await loadOnce(session, ROUTES[3] as Route, id);
      const results: RouteResult[] = [];
      for (const route of ROUTES) {
        const loads: Load[] = [];
        for (let run = 0; run < RUNS; run++) loads.push(await loadOnce(session, route, id));
        results.push(summarise(route, loads, `${stack.appDir}/web/dist`));
      }
      await report(results);
    } finally {
      await session.close();
    }
  },
};

async function loadOnce(session: UiSession, route: Route, orchestratorId: string): Promise<Load> {
  const context: BrowserContext = route.loggedIn
    ? await session.loggedIn()
    : await session.browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    if (route.ready) {
      await page.addInitScript(
        `(() => { const ready = () => { try { return ${route.ready}; } catch { return false; } };
          const mark = () => { if (window.__readyAt === undefined && ready()) { window.__readyAt = performance.now(); observer.disconnect(); } };
          const observer = new MutationObserver(mark);
          observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        })()`,
      );
    }
    await page.goto(`${session.stack.baseUrl}${route.path(orchestratorId)}`, { waitUntil: 'load' });
    if (route.ready)
      await page.waitForFunction('window.__readyAt !== undefined', undefined, { timeout: 60_000 });
    return (await page.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const scripts = performance.getEntriesByType('resource')
        .filter((entry) => entry.initiatorType === 'script' || /\\.m?js(\\?|$)/.test(entry.name))
        .map((entry) => new URL(entry.name).pathname);
      return {
        ttiMs: window.__readyAt ?? nav.loadEventEnd,
        responseEndMs: nav.responseEnd,
        domContentLoadedMs: nav.domContentLoadedEventEnd,
        scripts,
      };
    })()`)) as Load;
  } finally {
    await context.close();
  }
}

/** `dist`: the snapshot the Worker served (web/dist itself may be rebuilt meanwhile). */
function summarise(route: Route, loads: Load[], dist: string): RouteResult {
  const tti = loads.map((load) => load.ttiMs);
  const scriptPaths = [...new Set(loads.flatMap((load) => load.scripts))].sort();
  const scripts = scriptPaths.map((path) => {
    const content = readFileSync(`${dist}${path}`);
    return { path, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  return {
    name: route.name,
    runs: loads.length,
    ttiP50: percentile(tti, 50),
    ttiMin: Math.min(...tti),
    ttiMax: Math.max(...tti),
    responseEndP50: percentile(
      loads.map((load) => load.responseEndMs),
      50,
    ),
    domContentLoadedP50: percentile(
      loads.map((load) => load.domContentLoadedMs),
      50,
    ),
    scripts,
    jsBytes: scripts.reduce((sum, script) => sum + script.bytes, 0),
    jsGzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0),
  };
}

async function report(results: RouteResult[]): Promise<void> {
  const ms = (value: number): string => value.toFixed(0);
  const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
  const baseline = results[0];
  console.log(
    formatTable(
      [
        'first load',
        'runs',
        'TTI p50 ms',
        'min–max ms',
        'vs base',
        'responseEnd ms',
        'DCL ms',
        'scripts',
        'JS KB',
        'JS gzip KB',
      ],
      results.map((result) => [
        result.name,
        String(result.runs),
        ms(result.ttiP50),
        `${ms(result.ttiMin)}–${ms(result.ttiMax)}`,
        baseline ? formatRatio(result.ttiP50 / baseline.ttiP50) : '',
        ms(result.responseEndP50),
        ms(result.domContentLoadedP50),
        String(result.scripts.length),
        kb(result.jsBytes),
        kb(result.jsGzipBytes),
      ]),
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  console.log(
    '  TTI = from navigation start to the first interactive element ready (baseline: the load event of ' +
      'the bare JSON); each run in a new context (empty cache). JS = every script the route loaded, from ' +
      'the web/dist the Worker served, gzip -9.',
  );
  for (const result of results.slice(1)) {
    console.log(
      `  ${result.name}: ${result.scripts.map((s) => `${s.path} ${kb(s.gzipBytes)} KB`).join(', ')}`,
    );
  }
  const routes = results.slice(1);
  const heaviest = Math.max(...routes.map((result) => result.jsGzipBytes));
  const pass = heaviest <= TARGET_KB * 1024;
  console.log('\nTarget (from the issue):');
  console.log(
    `  [${pass ? 'PASS' : 'MISS'}] JS shipped for the first route, gzip ≤ ${TARGET_KB} KB: ` +
      routes.map((result) => `${kb(result.jsGzipBytes)} KB ${result.name}`).join('; '),
  );
  console.log(
    `  Time to interactive on first load: ${routes.map((result) => `${ms(result.ttiP50)} ms ${result.name}`).join('; ')} ` +
      `(bare /api/health: ${baseline ? ms(baseline.ttiP50) : '?'} ms)`,
  );
  const path = await writeResult('ui-load', {
    scenario: 'ui-load',
    measuredAt: new Date().toISOString(),
    runs: RUNS,
    routes: results,
    target: { jsGzipKb: TARGET_KB, heaviestGzipKb: heaviest / 1024, pass },
  });
  console.log(`\nResult written to ${path}`);
}
