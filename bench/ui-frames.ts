/**
 * ui-frames: how smoothly the console's orchestrator view renders with 50,000 events loaded and 200
 * events/s arriving, in Debian's chromium (headless) on the real local stack.
 *
 * Frame times come from the page's own clock: the deltas between consecutive requestAnimationFrame
 * callbacks (one per frame the page produced), plus the browser's long-animation-frame entries
 * (PerformanceObserver, frames whose work took ≥ 50 ms). The events are synthetic WireEvents fed through
 * the console's debug hook (`window.__console.injectEvents`, the same store path as WebSocket frames):
 * 50,000 loaded up front in chunks, then 10 every 50 ms from a timer inside the page, while the stream
 * auto-follows, and while the user scrolls it with the mouse wheel (real input events). Baseline, in the
 * same run and page: the view idle with no events, both ways.
 *
 * Then the chat phases: the orchestrator itself busy, a third of the events its own (text, thinking, tool
 * use and streamed text_delta, all of which become chat bubbles): 12,000 events loaded first
 * (about 4,000 bubbles), then 200/s arriving with the same mix, while the chat follows its newest message
 * and while the user wheel-scrolls the chat. "fed/s" is how many events the page's own timer managed to
 * inject per second (a busy main thread delays it: 200 is all of them).
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { consoleState } from '../test/browser/harness/console-hook.ts';
import { formatRatio, formatTable } from './lib/format.ts';
import { writeResult } from './lib/results.ts';
import type { Scenario } from './lib/scenario.ts';
import { percentile } from './lib/timing.ts';
import { startUiSession } from './lib/ui-session.ts';

const LOADED_EVENTS = 50_000;
const CHUNK = 5_000;
const RATE_PER_S = 200;
const TICK_MS = 50;
const PHASE_MS = 6_000;
const WHEEL_EVERY_MS = 50;
/** One frame at 60 Hz, the display rate headless chromium renders at. */
const FRAME_BUDGET_MS = 1_000 / 60;
/** Events loaded before the chat phases, a third of them the orchestrator's chat events (≈ 4,000 bubbles). */
const CHAT_PRELOAD = 12_000;
/** The share of events that are the orchestrator's own chat events in the chat phases. */
const CHAT_SHARE = 3;

interface Phase {
  name: string;
  events: 'none' | 'loaded' | 'arriving';
  scrolling: boolean;
  /** Chat phases: a third of the events are the orchestrator's chat events; the wheel scrolls the chat. */
  chat?: boolean;
}

const PHASES: Phase[] = [
  { name: 'baseline: idle, no events, following', events: 'none', scrolling: false },
  { name: 'baseline: idle, no events, wheel-scrolling', events: 'none', scrolling: true },
  { name: '50k loaded, none arriving, wheel-scrolling', events: 'loaded', scrolling: true },
  { name: '50k loaded + 200/s arriving, auto-following', events: 'arriving', scrolling: false },
  { name: '50k loaded + 200/s arriving, wheel-scrolling', events: 'arriving', scrolling: true },
  {
    name: '+4k chat bubbles, 200/s (⅓ chat) arriving, following',
    events: 'arriving',
    scrolling: false,
    chat: true,
  },
  {
    name: '+4k chat bubbles, 200/s (⅓ chat) arriving, chat wheel-scrolling',
    events: 'arriving',
    scrolling: true,
    chat: true,
  },
];

interface PhaseResult {
  name: string;
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  longFrames: number;
  longFrameBlockingMs: number;
  eventsAfter: number | undefined;
  /** Events the page's timer injected per second during the phase (arriving phases). */
  fedPerSecond: number | undefined;
}

/**
 * In-page: the frame sampler (`__bench`) and the synthetic event maker (`__makeEvent`), a mix of what a
 * busy orchestrator emits (tool calls and their hooks, text, model calls, agent status, file changes),
 * 98% of it by two command agents and 2% by the orchestrator itself (whose text and tool calls also
 * become chat bubbles).
 */
const PAGE_HELPERS = `(() => {
  // One callback chain per measurement: a chain left pending by the previous one ends at its next frame.
  const s = { deltas: [], loaf: [], running: false, last: 0, chain: 0 };
  const loop = (chain) => {
    const tick = (t) => {
      if (!s.running || chain !== s.chain) return;
      if (s.last) s.deltas.push(t - s.last);
      s.last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  s.start = () => { s.deltas = []; s.loaf = []; s.last = 0; s.running = true; loop(++s.chain); };
  s.stop = () => { s.running = false; return { deltas: s.deltas, loaf: s.loaf }; };
  try {
    new PerformanceObserver((list) => {
      if (!s.running) return;
      for (const e of list.getEntries()) s.loaf.push({ duration: e.duration, blocking: e.blockingDuration || 0 });
    }).observe({ type: 'long-animation-frame' });
  } catch {}
  window.__bench = s;
  const types = [
    ['tool_use', 'response'], ['PreToolUse', 'hook'], ['tool_result', 'response'], ['PostToolUse', 'hook'],
    ['text', 'response'], ['model_call', 'cost'], ['agent_status_changed', 'agent'], ['file_changes', 'file'],
  ];
  const orchestratorId = location.pathname.split('/')[2];
  const agents = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
  // The orchestrator's own chat events (chat phases): text, thinking, tool use, and a streamed reply.
  const chatTypes = [['text', 'response'], ['text_delta', 'response'], ['thinking', 'response'], ['tool_use', 'response'], ['text_delta', 'response'], ['text', 'response']];
  const makeChatEvent = (seq) => {
    const [type, category] = chatTypes[Math.floor(seq / ${CHAT_SHARE}) % chatTypes.length];
    const path = 'src/module-' + (seq % 97) + '.ts';
    const data =
      type === 'text' ? { text: '**Step ' + seq + '**: the agents finished \`' + path + '\`.\\n\\n- alpha: tests pass\\n- beta: ' + 'reviewing the diff, then merging. '.repeat(1 + (seq % 4)) }
      : type === 'thinking' ? { thinking: 'Which agent should take ' + path + ' next? ' + 'Alpha is idle; beta is reviewing. '.repeat(1 + (seq % 3)) }
      : type === 'text_delta' ? { call_id: 'call-' + Math.floor(seq / 60), attempt: 1, text: 'Streaming ' + seq + ' ' }
      : { tool_use_id: 'toolu_' + seq, name: 'send_message', input: { agent: 'alpha', message: 'Edit ' + path } };
    return { seq, type, category, ts: new Date().toISOString(), orchestrator_id: orchestratorId, summary: type + ' ' + path, data };
  };
  window.__chatShare = false;
  window.__makeEvent = (seq) => {
    if (window.__chatShare && seq % ${CHAT_SHARE} === 0) return makeChatEvent(seq);
    const [type, category] = types[seq % types.length];
    const path = 'src/module-' + (seq % 97) + '.ts';
    const data =
      type === 'text' ? { text: 'Working on ' + path + ': reading it, then editing the exported function. '.repeat(1 + (seq % 3)) }
      : type === 'model_call' ? { model: 'claude-sonnet', input_tokens: 1200 + seq % 500, output_tokens: 80, cost_usd: 0.0042 }
      : type === 'agent_status_changed' ? { name: 'alpha', status: seq % 2 ? 'executing' : 'idle' }
      : type === 'file_changes' ? { changes: [{ path, action: 'edit', version: seq, diff: '@@ -1 +1 @@\\n-old line ' + seq + '\\n+new line ' + seq }] }
      : { tool_use_id: 'toolu_' + seq, name: 'read_file', input: { path }, output: type === 'tool_result' ? 'export const x = ' + seq + ';' : undefined };
    return {
      seq, type, category, ts: new Date().toISOString(), orchestrator_id: orchestratorId,
      agent_id: seq % 50 === 0 ? undefined : agents[seq % 2],
      summary: type + ' ' + path,
      data,
    };
  };
  window.__injectRange = (from, count) => {
    const batch = [];
    for (let i = 0; i < count; i++) batch.push(window.__makeEvent(from + i));
    window.__console.injectEvents(batch);
  };
})()`;

export const uiFrames: Scenario = {
  name: 'ui-frames',
  summary: `frame times of the orchestrator view with ${LOADED_EVENTS.toLocaleString('en-US')} events and ${RATE_PER_S}/s arriving, vs the idle view`,
  async run() {
    const session = await startUiSession('frames');
    try {
      const { stack } = session;
      const { id } = await stack.api<{ id: string }>('POST', '/orchestrators', { name: 'ui-frames' });
      const context = await session.loggedIn();
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      await page.goto(`${stack.baseUrl}/o/${id}`);
      await page.waitForFunction(
        `window.__console && window.__console.connectionState() === 'live' && ` +
          `document.querySelector('section[aria-label="Event stream"]')`,
        undefined,
        { timeout: 60_000 },
      );
      await page.evaluate(PAGE_HELPERS);
      await page.waitForTimeout(1_000);
      console.log(
        `Worker: wrangler dev --local at ${stack.baseUrl}; console: web/dist (built); chromium headless`,
      );

      const results: PhaseResult[] = [];
      let nextSeq = ((await consoleState(page))?.lastSeq ?? 0) + 1;
      let loadMs: number | undefined;
      let chatLoaded = false;
      for (const phase of PHASES) {
        if (phase.chat && !chatLoaded) {
          await page.evaluate('window.__chatShare = true');
          for (let from = 0; from < CHAT_PRELOAD; from += CHUNK) {
            const count = Math.min(CHUNK, CHAT_PRELOAD - from);
            await page.evaluate(`window.__injectRange(${nextSeq}, ${count})`);
            nextSeq += count;
          }
          await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
          await page.waitForTimeout(1_000);
          chatLoaded = true;
          console.log(
            `  chat phases: ${await page.evaluate('document.querySelectorAll(\'section[aria-label="Chat"] article\').length')} chat articles in the DOM after loading ${CHAT_PRELOAD.toLocaleString('en-US')} events (⅓ chat)`,
          );
        }
        const fedFrom = nextSeq;
        if (phase.events !== 'none' && loadMs === undefined) {
          const started = Date.now();
          for (let from = 0; from < LOADED_EVENTS; from += CHUNK) {
            await page.evaluate(`window.__injectRange(${nextSeq}, ${CHUNK})`);
            nextSeq += CHUNK;
          }
          // Let the view catch up before measuring.
          await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
          loadMs = Date.now() - started;
          await page.waitForTimeout(1_000);
        }
        if (phase.events === 'arriving') {
          const perTick = (RATE_PER_S * TICK_MS) / 1_000;
          await page.evaluate(
            `(() => { let seq = ${nextSeq}; window.__feed = setInterval(() => { window.__injectRange(seq, ${perTick}); seq += ${perTick}; window.__fedTo = seq; }, ${TICK_MS}); })()`,
          );
        }
        results.push(await measure(page, phase));
        if (phase.events === 'arriving') {
          nextSeq = Number(await page.evaluate('(clearInterval(window.__feed), window.__fedTo)'));
          const last = results.at(-1);
          if (last) last.fedPerSecond = ((nextSeq - fedFrom) * 1_000) / PHASE_MS;
        }
        const last = results.at(-1);
        if (last) last.eventsAfter = (await consoleState(page))?.eventCount;
      }
      const final = await consoleState(page);
      const screenshot = fileURLToPath(new URL('results/ui-frames.png', import.meta.url));
      await mkdir(dirname(screenshot), { recursive: true });
      await page.screenshot({ path: screenshot }).catch(() => undefined);
      await context.close();
      await report(results, { loadMs, final, expected: nextSeq - 1, pageErrors });
    } finally {
      await session.close();
    }
  },
};

async function measure(page: Page, phase: Phase): Promise<PhaseResult> {
  if (phase.scrolling) {
    const target = phase.chat ? 'section[aria-label="Chat"] .messages' : 'section[aria-label="Event stream"]';
    const box = await page.locator(target).boundingBox();
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  }
  await page.evaluate('window.__bench.start()');
  const end = Date.now() + PHASE_MS;
  let step = 0;
  while (Date.now() < end) {
    if (phase.scrolling) {
      // Up through the history for most of the time, with a turn back down now and then.
      await page.mouse.wheel(0, step % 20 < 16 ? -400 : 800);
      step++;
    }
    await page.waitForTimeout(WHEEL_EVERY_MS);
  }
  const sample = (await page.evaluate('window.__bench.stop()')) as {
    deltas: number[];
    loaf: { duration: number; blocking: number }[];
  };
  const deltas = sample.deltas.length > 0 ? sample.deltas : [Number.NaN];
  return {
    name: phase.name,
    frames: sample.deltas.length,
    p50: percentile(deltas, 50),
    p95: percentile(deltas, 95),
    p99: percentile(deltas, 99),
    max: Math.max(...deltas),
    longFrames: sample.loaf.length,
    longFrameBlockingMs: sample.loaf.reduce((sum, entry) => sum + entry.blocking, 0),
    eventsAfter: undefined,
    fedPerSecond: undefined,
  };
}

async function report(
  results: PhaseResult[],
  extra: {
    loadMs: number | undefined;
    final: Awaited<ReturnType<typeof consoleState>>;
    expected: number;
    pageErrors: string[];
  },
): Promise<void> {
  const baseline = (scrolling: boolean): PhaseResult | undefined =>
    results.find(
      (result) => result.name.startsWith('baseline') && result.name.includes('scroll') === scrolling,
    );
  const ms = (value: number): string => value.toFixed(1);
  const rows = results.map((result) => {
    const base = baseline(result.name.includes('scroll'));
    return [
      result.name,
      String(result.frames),
      ms(result.p50),
      ms(result.p95),
      ms(result.p99),
      ms(result.max),
      base ? formatRatio(result.p95 / base.p95) : '',
      String(result.longFrames),
      ms(result.longFrameBlockingMs),
      result.eventsAfter?.toLocaleString('en-US') ?? '?',
      result.fedPerSecond === undefined ? '' : result.fedPerSecond.toFixed(0),
    ];
  });
  console.log(
    formatTable(
      [
        'phase',
        'frames',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'p95 vs base',
        'long frames',
        'blocking ms',
        'events held',
        'fed/s',
      ],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  console.log(
    `  frame time = delta between requestAnimationFrame callbacks over ${PHASE_MS / 1_000} s per phase; ` +
      `long frames = long-animation-frame entries (≥ 50 ms); "vs base" compares with the idle view, same ` +
      `scrolling. 60 Hz budget: ${ms(FRAME_BUDGET_MS)} ms.`,
  );
  if (extra.loadMs !== undefined) {
    console.log(
      `  Loading ${LOADED_EVENTS.toLocaleString('en-US')} events in chunks of ${CHUNK.toLocaleString('en-US')} through injectEvents took ${(extra.loadMs / 1_000).toFixed(2)} s.`,
    );
  }
  const held = extra.final;
  console.log(
    `  The store at the end: ${held?.eventCount.toLocaleString('en-US')} events, ${held?.distinctSeqCount.toLocaleString('en-US')} distinct seqs, last seq ${held?.lastSeq} (injected up to ${extra.expected}).`,
  );
  if (extra.pageErrors.length > 0) console.log(`  Page errors: ${extra.pageErrors.slice(0, 5).join(' | ')}`);
  const arriving = results.filter(
    (result) => result.name.includes('arriving') && !result.name.includes('chat'),
  );
  const worst = Math.max(...arriving.map((result) => result.p95));
  console.log(
    `\nTarget (from the issue): p95 frame time with 50,000 events loaded and 200 events/s arriving: ` +
      `${ms(worst)} ms (worst of following / scrolling; ${formatRatio(worst / FRAME_BUDGET_MS)} a 60 Hz frame).`,
  );
  const chat = results.filter((result) => result.name.includes('chat'));
  if (chat.length > 0) {
    console.log(
      `Orchestrator chatting (⅓ of 200/s its own chat events, ~4,000 bubbles): p95 ` +
        chat.map((result) => `${ms(result.p95)} ms / p99 ${ms(result.p99)} ms`).join(' (following); ') +
        ' (chat scrolling).',
    );
  }
  const path = await writeResult('ui-frames', {
    scenario: 'ui-frames',
    measuredAt: new Date().toISOString(),
    loadedEvents: LOADED_EVENTS,
    ratePerSecond: RATE_PER_S,
    phaseMs: PHASE_MS,
    chatPreload: CHAT_PRELOAD,
    phases: results,
    loadMs: extra.loadMs,
    store: held,
    pageErrors: extra.pageErrors,
  });
  console.log(`\nResult written to ${path}`);
}
