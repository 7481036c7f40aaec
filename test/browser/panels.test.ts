/**
 * The console's panels in Debian's chromium against the real local stack with the offline model (see
 * harness/): AI Developer Workflows started from the chat (offline grammar) and from the Workflows
 * view's start form (REST), watched live in the swimlanes to completion (PASS, FAIL → fix, and a fix
 * that is skipped after a PASS); the plan, the review and the fix report in the Files view; the Costs
 * view; the command palette's suggestions and chips; and the Workflows view on a phone-sized window.
 * One stack and one browser for the whole file; the tests run in order and build on each other's
 * state (the orchestrator and its workflows). Screenshots: test-results/browser/panels/.
 *
 * Selectors follow the console's UI contract (roles, labels, data-testid) and the workflow cards'
 * data attributes (data-adw-id, data-status, data-step, data-seq). No timing assertions: the generous
 * timeouts only bound how long a broken build takes to fail.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite, poll, UI_TIMEOUT } from './harness/suite.ts';

const suite = browserSuite('panels');

/** A workflow runs several offline-model turns (a few seconds each when loaded). */
const ADW_TIMEOUT = 120_000;

interface AdwStep {
  step: string;
  status: string;
  agent_name: string | null;
  cost_usd: number;
  output: Record<string, unknown> | null;
}
interface Adw {
  id: string;
  name: string;
  workflow_type: string;
  status: string;
  completed_steps: number;
  total_steps: number;
  cost_usd: number;
  steps: AdwStep[];
}

/** The workflows this file starts: how, and what the card must show once they complete. */
interface Expected {
  name: string;
  type: string;
  prompt: string;
  via: 'chat' | 'form' | 'rest';
  steps: string[];
  counter: string;
  verdict?: 'PASS' | 'FAIL';
  skipped?: string;
}

const WORKFLOWS: Expected[] = [
  {
    name: 'chat-pb',
    type: 'plan_build',
    prompt: 'write notes/pb.md',
    via: 'chat',
    steps: ['plan', 'build'],
    counter: '2/2 steps',
  },
  {
    name: 'chat-fix',
    type: 'plan_build_review_fix',
    prompt: 'write notes/fix.md with a blocker',
    via: 'chat',
    steps: ['plan', 'build', 'review', 'fix'],
    counter: '4/4 steps',
    verdict: 'FAIL',
  },
  {
    name: 'form-pbr',
    type: 'plan_build_review',
    prompt: 'write notes/pbr.md',
    via: 'form',
    steps: ['plan', 'build', 'review'],
    counter: '3/3 steps',
    verdict: 'PASS',
  },
  {
    name: 'rest-skip',
    type: 'plan_build_review_fix',
    prompt: 'write notes/skip.md',
    via: 'rest',
    steps: ['plan', 'build', 'review', 'fix'],
    counter: '3/4 steps, 1 skipped',
    verdict: 'PASS',
    skipped: 'fix',
  },
];

let desktop: Page;
let orchestratorId: string;
/** Workflow name → its REST object once completed. */
const adws = new Map<string, Adw>();

const centreTab = (page: Page, name: string): Locator =>
  page.getByRole('tablist', { name: 'Centre view' }).getByRole('tab', { name, exact: true });
const card = (page: Page, name: string): Locator =>
  page
    .locator('article[data-adw-id]')
    .filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });
const orchestratorReplies = (page: Page): Locator => page.locator('article[data-role="orchestrator"]');
const detailPanel = (page: Page): Locator => page.getByRole('dialog', { name: 'Event details' });

/** Types a chat message and sends it with Enter; resolves once the offline model answered it. */
async function sendChat(page: Page, message: string): Promise<string> {
  const before = await orchestratorReplies(page).count();
  const box = page.getByLabel('Message', { exact: true });
  await box.fill(message);
  await box.press('Enter');
  await expect
    .poll(() => page.locator('article[data-role="user"]').filter({ hasText: message }).count(), poll)
    .toBe(1);
  await expect.poll(() => orchestratorReplies(page).count(), poll).toBeGreaterThan(before);
  await expect.poll(() => orchestratorReplies(page).last().textContent(), poll).toContain('[offline model]');
  return (await orchestratorReplies(page).last().textContent()) ?? '';
}

async function listAdws(): Promise<Adw[]> {
  const listed = await suite.stack.api<{ adws: Adw[] }>('GET', `/orchestrators/${orchestratorId}/adws`);
  return listed.adws;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether the element has the focus (the project's TypeScript has no DOM library). */
function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate(
    (element) =>
      element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
  );
}

async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
        .documentElement.scrollWidth,
  );
}

describe('the console panels in chromium, on the real local stack with the offline model', () => {
  test('opens an orchestrator on the Workflows tab: no workflows yet', async () => {
    const created = await suite.stack.api<{ id: string }>('POST', '/orchestrators', { name: 'panels e2e' });
    orchestratorId = created.id;
    desktop = await suite.shots.open('desktop');
    await desktop.goto(`${suite.stack.baseUrl}/o/${orchestratorId}#token=${suite.stack.token}`);
    await desktop.waitForURL(new RegExp(`/o/${orchestratorId}$`), { timeout: UI_TIMEOUT });
    await expect.poll(() => desktop.getByTestId('connection').getAttribute('data-state'), poll).toBe('live');
    await centreTab(desktop, 'Workflows').click();
    await desktop.getByRole('heading', { level: 2, name: 'Workflows' }).waitFor({ timeout: UI_TIMEOUT });
    await desktop.getByText('No workflows yet').waitFor({ timeout: UI_TIMEOUT });
    await suite.shots.screenshot(desktop, 'workflows-empty');
  });

  test('starts workflows from the chat and from the start form; each card appears live and runs to completed', async () => {
    for (const workflow of WORKFLOWS) {
      if (workflow.via === 'chat') {
        const reply = await sendChat(
          desktop,
          `start a ${workflow.type} workflow named ${workflow.name}: ${workflow.prompt}`,
        );
        expect(reply).toContain(workflow.name);
      } else if (workflow.via === 'form') {
        await desktop.getByRole('button', { name: 'Start workflow', exact: true }).click();
        const form = desktop.getByRole('form', { name: 'Start a workflow' });
        await form.waitFor({ timeout: UI_TIMEOUT });
        // The types come from the orchestrator's catalog.
        await expect
          .poll(() => form.getByLabel('Workflow type').locator('option').allTextContents(), poll)
          .toEqual(expect.arrayContaining(['plan_build', 'plan_build_review', 'plan_build_review_fix']));
        await form.getByLabel('Workflow type').selectOption(workflow.type);
        await form.getByLabel('Name', { exact: true }).fill(workflow.name);
        await form.getByLabel('Prompt', { exact: true }).fill(workflow.prompt);
        await suite.shots.screenshot(desktop, 'start-form-filled');
        await form.getByRole('button', { name: 'Start workflow' }).click();
        await form.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
      } else {
        await suite.stack.api('POST', `/orchestrators/${orchestratorId}/adws`, {
          workflow_type: workflow.type,
          name: workflow.name,
          prompt: workflow.prompt,
        });
      }
      // Live: no reload, no Refresh click.
      const found = card(desktop, workflow.name);
      await found.waitFor({ timeout: UI_TIMEOUT });
      expect(await found.locator('.type').textContent()).toBe(workflow.type);
      await suite.shots.screenshot(desktop, `started-${workflow.name}`);
    }
    // Started back to back, they run at once in one workspace: their report files must not collide.
    for (const workflow of WORKFLOWS) {
      await expect
        .poll(() => card(desktop, workflow.name).getAttribute('data-status'), {
          ...poll,
          timeout: ADW_TIMEOUT,
        })
        .toBe('completed');
    }
    const listed = await listAdws();
    expect(listed.map((adw) => adw.name).sort()).toEqual(WORKFLOWS.map((workflow) => workflow.name).sort());
    expect(await desktop.locator('article[data-adw-id]').count()).toBe(WORKFLOWS.length);
    // Newest first.
    const names = await desktop.locator('article[data-adw-id] h3').allTextContents();
    expect(names).toEqual(WORKFLOWS.map((workflow) => workflow.name).reverse());
  });

  test('each workflow completes live with the right counters, lanes and step results (checked against REST)', async () => {
    for (const workflow of WORKFLOWS) {
      const found = card(desktop, workflow.name);
      await expect
        .poll(() => found.getAttribute('data-status'), { ...poll, timeout: ADW_TIMEOUT })
        .toBe('completed');
      await expect.poll(() => found.getByTestId('adw-steps').textContent(), poll).toBe(workflow.counter);
      expect(await found.getByTestId('adw-status').textContent()).toContain('Completed');

      const id = (await found.getAttribute('data-adw-id')) ?? '';
      const adw = await suite.stack.api<Adw>('GET', `/adws/${id}`);
      adws.set(workflow.name, adw);
      expect(adw).toMatchObject({ name: workflow.name, workflow_type: workflow.type, status: 'completed' });
      expect(adw.total_steps).toBe(workflow.steps.length);
      expect(adw.completed_steps).toBe(workflow.steps.length - (workflow.skipped ? 1 : 0));
      expect(adw.steps.map((step) => step.step)).toEqual(workflow.steps);
      for (const step of adw.steps) {
        expect(step.status).toBe(step.step === workflow.skipped ? 'skipped' : 'completed');
      }
      const review = adw.steps.find((step) => step.step === 'review');
      if (workflow.verdict) expect(review?.output?.verdict).toBe(workflow.verdict);
      // The offline model is free: every step and the workflow cost $0, and the card says so.
      expect(adw.cost_usd).toBe(0);
      expect(await found.getByTestId('adw-cost').textContent()).toBe('$0.00');

      // One lane per step (plus possibly the workflow-wide one), each with its step's status.
      for (const step of workflow.steps) {
        const lane = found.locator(`.lane[data-step="${step}"]`);
        await expect.poll(() => lane.count(), poll).toBe(1);
        const expected = step === workflow.skipped ? 'skipped' : 'completed';
        await expect.poll(() => lane.locator('.lane-status').textContent(), poll).toBe(expected);
        if (step !== workflow.skipped) {
          await expect.poll(() => lane.locator('button.sq[data-seq]').count(), poll).toBeGreaterThan(0);
        }
      }
      const stepLanes = await found
        .locator('.lane[data-step]')
        .evaluateAll((elements) =>
          elements.map(
            (element) => (element as unknown as { dataset: { step?: string } }).dataset.step ?? '',
          ),
        );
      expect(stepLanes.filter((step) => step !== '_workflow')).toEqual(workflow.steps);
      await found.scrollIntoViewIfNeeded();
      await suite.shots.screenshot(desktop, `completed-${workflow.name}`);
    }
  });

  test('with four workflows, the desktop page keeps its header and centre tabs in view (the swimlanes scroll)', async () => {
    expect(await desktop.locator('article[data-adw-id]').count()).toBe(WORKFLOWS.length);
    const viewport = await desktop.evaluate(() => {
      const { document, innerHeight } = globalThis as unknown as {
        document: { documentElement: { scrollHeight: number } };
        innerHeight: number;
      };
      return { scrollHeight: document.documentElement.scrollHeight, innerHeight };
    });
    expect(viewport.scrollHeight).toBeLessThanOrEqual(viewport.innerHeight);
    for (const name of ['Events', 'Workflows', 'Files', 'Costs']) {
      const box = await centreTab(desktop, name).boundingBox();
      expect(box?.height ?? 0, `the ${name} tab's height`).toBeGreaterThanOrEqual(20);
      expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
    }
    expect(
      await desktop
        .locator('header')
        .first()
        .boundingBox()
        .then((box) => box?.y),
    ).toBe(0);
    await suite.shots.screenshot(desktop, 'workflows-all-completed');
  });

  test('clicking an event square opens the detail panel; Escape closes it', async () => {
    const found = card(desktop, 'chat-fix');
    const square = found.locator('.lane[data-step="review"] button.sq[data-seq]').first();
    const seq = await square.getAttribute('data-seq');
    await square.scrollIntoViewIfNeeded();
    await square.click();
    const panel = detailPanel(desktop);
    await panel.waitFor({ timeout: UI_TIMEOUT });
    expect(await panel.getAttribute('data-seq')).toBe(seq);
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('chat-fix');
    expect(text).toContain('Review');
    expect(await panel.getByLabel('Payload (JSON)').isVisible()).toBe(true);
    await suite.shots.screenshot(desktop, 'event-detail');
    await desktop.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    // Focus goes back to the square.
    await expect.poll(() => isFocused(square), poll).toBe(true);
  });

  test('Files: the plan, the reviews and the fix report are in the tree; the plan shows its sections and history', async () => {
    const fix = adws.get('chat-fix');
    const planPath = String(fix?.steps.find((step) => step.step === 'plan')?.output?.plan_path ?? '');
    const reviewPath = String(fix?.steps.find((step) => step.step === 'review')?.output?.review_path ?? '');
    const reportPath = String(fix?.steps.find((step) => step.step === 'fix')?.output?.report_path ?? '');
    expect(planPath).toMatch(/^specs\/[\w-]+\.md$/);
    expect(reviewPath).toMatch(/^app_review\/review_[^/]+\.md$/);
    expect(reportPath).toMatch(/^app_fix_reports\/fix_[^/]+\.md$/);
    const reviews = [...adws.values()].flatMap((adw) =>
      adw.steps.filter((step) => step.step === 'review').map((step) => String(step.output?.review_path)),
    );
    expect(new Set(reviews).size, `every review has its own report file: ${reviews.join(', ')}`).toBe(3);

    await centreTab(desktop, 'Files').click();
    const tree = desktop.getByRole('tree', { name: 'Workspace files' });
    await tree.waitFor({ timeout: UI_TIMEOUT });
    const item = (name: string | RegExp): Locator =>
      tree.getByRole('treeitem').filter({
        has: desktop.locator('.name', {
          hasText: typeof name === 'string' ? new RegExp(`^${escapeRegExp(name)}$`) : name,
        }),
      });
    for (const folder of ['specs', 'app_review', 'app_fix_reports', 'notes']) {
      await expect.poll(() => item(folder).first().getAttribute('aria-expanded'), poll).toBe('true');
    }
    for (const path of [planPath, reviewPath, reportPath]) {
      const name = path.split('/').at(-1) ?? '';
      await expect.poll(() => item(name).count(), poll).toBeGreaterThan(0);
    }
    // Every workflow that reviewed wrote its own review; only the FAIL one wrote a fix report.
    await expect.poll(() => item(/^review_.*\.md$/).count(), poll).toBe(3);
    await expect.poll(() => item(/^fix_.*\.md$/).count(), poll).toBe(1);
    for (const workflow of WORKFLOWS) {
      const plan = String(adws.get(workflow.name)?.steps[0]?.output?.plan_path ?? '');
      await expect.poll(() => item(plan.split('/').at(-1) ?? '?').count(), poll).toBe(1);
    }
    await suite.shots.screenshot(desktop, 'files-tree');

    await item(planPath.split('/').at(-1) ?? '')
      .first()
      .click();
    const contents = desktop.getByRole('region', { name: `Contents of ${planPath}` });
    await contents.waitFor({ timeout: UI_TIMEOUT });
    const plan = (await contents.textContent()) ?? '';
    for (const section of [
      '# Plan: write notes/fix.md with a blocker',
      '## Task Description',
      '## Objective',
      '## Step by Step Tasks',
      '## Acceptance Criteria',
    ]) {
      expect(plan).toContain(section);
    }
    await suite.shots.screenshot(desktop, 'files-plan');

    await desktop.getByRole('group', { name: 'File view' }).getByRole('button', { name: 'History' }).click();
    const versions = desktop.getByRole('list', { name: 'Versions' });
    await versions.waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => versions.getByRole('button', { name: /Version 1/ }).count(), poll).toBe(1);
    await suite.shots.screenshot(desktop, 'files-history');

    // The review of the FAIL run names its verdict.
    await item(reviewPath.split('/').at(-1) ?? '')
      .first()
      .click();
    await desktop.getByRole('group', { name: 'File view' }).getByRole('button', { name: 'Content' }).click();
    const review = desktop.getByRole('region', { name: `Contents of ${reviewPath}` });
    await review.waitFor({ timeout: UI_TIMEOUT });
    expect(await review.textContent()).toContain('FAIL');
    await item(reportPath.split('/').at(-1) ?? '')
      .first()
      .click();
    const report = desktop.getByRole('region', { name: `Contents of ${reportPath}` });
    await report.waitFor({ timeout: UI_TIMEOUT });
    expect(await report.textContent()).toContain('ALL FIXED');
    await suite.shots.screenshot(desktop, 'files-fix-report');
  });

  test('Costs: the charts and tables render, with a row per step agent at $0', async () => {
    await centreTab(desktop, 'Costs').click();
    await desktop.getByRole('heading', { level: 2, name: 'Costs' }).waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => desktop.getByTestId('costs-total').textContent(), poll).toMatch(/^\$0(\.0+)?$/);
    await expect.poll(() => desktop.locator('section.costs canvas').count(), poll).toBeGreaterThanOrEqual(3);
    const byAgent = desktop.getByRole('region', { name: 'Cost by agent, table' });
    await byAgent.waitFor({ timeout: UI_TIMEOUT });
    const agentNames = [...adws.values()].flatMap((adw) =>
      adw.steps.filter((step) => step.status === 'completed').map((step) => step.agent_name ?? '?'),
    );
    expect(agentNames.length).toBe(2 + 4 + 3 + 3);
    for (const name of agentNames) {
      expect(name).toMatch(/^(plan|build|review|fix)-[0-9a-f]{8}$/);
      const row = byAgent.locator('tbody tr').filter({ hasText: name });
      await expect.poll(() => row.count(), poll).toBe(1);
      expect(await row.locator('td').first().textContent()).toMatch(/^\$0(\.0+)?$/);
    }
    // Time and model tables have rows too.
    expect(
      await desktop.getByRole('region', { name: 'Cost over time, table' }).locator('tbody tr').count(),
    ).toBeGreaterThan(0);
    expect(
      await desktop.getByRole('region', { name: 'Cost by model, table' }).locator('tbody tr').count(),
    ).toBeGreaterThan(0);
    expect(await desktop.locator('section.costs [role="alert"]').count()).toBe(0);
    await suite.shots.screenshot(desktop, 'costs');
  });

  test('the command palette: / lists slash commands, ArrowDown + Enter accepts; workflow types are suggestions and chips', async () => {
    await desktop.locator('body').click({ position: { x: 5, y: 5 } });
    await desktop.keyboard.press('Control+k');
    const palette = desktop.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor({ timeout: UI_TIMEOUT });
    const prompt = palette.getByLabel('Prompt', { exact: true });
    await expect.poll(() => isFocused(prompt), poll).toBe(true);

    await prompt.pressSequentially('/');
    const options = palette.getByRole('listbox').getByRole('option');
    await expect.poll(() => options.count(), poll).toBeGreaterThan(0);
    const labels = await options.locator('.label').allTextContents();
    for (const command of ['/plan', '/build', '/review', '/fix']) expect(labels).toContain(command);
    expect(labels.every((label) => label.startsWith('/'))).toBe(true);
    await suite.shots.screenshot(desktop, 'palette-slash');
    await prompt.press('ArrowDown');
    const selected = options.and(desktop.locator('[aria-selected="true"]'));
    await expect.poll(() => selected.count(), poll).toBe(1);
    const chosen = (await selected.locator('.label').textContent()) ?? '';
    await prompt.press('Enter');
    await expect.poll(() => prompt.inputValue(), poll).toMatch(new RegExp(`^${escapeRegExp(chosen)}\\b`));
    // Accepting does not send: the palette stays open with the command in the prompt.
    expect(await palette.isVisible()).toBe(true);
    await suite.shots.screenshot(desktop, 'palette-accepted');

    await prompt.fill('');
    // A word typed in part (a token spelled out in full needs no suggestion).
    await prompt.pressSequentially('plan_bu');
    await expect
      .poll(
        () =>
          options
            .filter({ has: desktop.locator('[data-kind="workflow"]') })
            .locator('.label')
            .allTextContents(),
        poll,
      )
      .toEqual(expect.arrayContaining(['plan_build', 'plan_build_review', 'plan_build_review_fix']));
    await suite.shots.screenshot(desktop, 'palette-workflow-suggestions');

    await prompt.fill('');
    const chips = palette
      .locator('.chip-group')
      .filter({ has: desktop.getByRole('heading', { name: 'Workflow types' }) })
      .getByRole('button');
    await expect
      .poll(() => chips.allTextContents().then((texts) => texts.map((text) => text.trim())), poll)
      .toEqual(['plan_build', 'plan_build_review', 'plan_build_review_fix']);
    await chips.filter({ hasText: /^\s*plan_build_review_fix\s*$/ }).click();
    await expect.poll(() => prompt.inputValue(), poll).toContain('plan_build_review_fix');
    await suite.shots.screenshot(desktop, 'palette-chip');
    await desktop.keyboard.press('Escape');
    await palette.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  });

  test('on a phone-sized window (375×812) the Workflows tab shows the cards without horizontal overflow', async () => {
    const phone = await suite.shots.open('phone', { width: 375, height: 812 });
    await phone.goto(`${suite.stack.baseUrl}/o/${orchestratorId}#token=${suite.stack.token}`);
    await phone.waitForURL(new RegExp(`/o/${orchestratorId}$`), { timeout: UI_TIMEOUT });
    const tabs = phone.getByRole('tablist', { name: 'Panels' });
    await tabs.waitFor({ timeout: UI_TIMEOUT });
    await tabs.getByRole('tab', { name: 'Workflows' }).click();
    await expect.poll(() => phone.locator('article[data-adw-id]').count(), poll).toBe(WORKFLOWS.length);
    for (const workflow of WORKFLOWS) {
      await expect
        .poll(() => card(phone, workflow.name).getByTestId('adw-steps').textContent(), poll)
        .toBe(workflow.counter);
    }
    await suite.shots.screenshot(phone, 'workflows');
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(375);
    await phone.getByRole('button', { name: 'Start workflow', exact: true }).click();
    await phone.getByRole('form', { name: 'Start a workflow' }).waitFor({ timeout: UI_TIMEOUT });
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(375);
    await suite.shots.screenshot(phone, 'start-form');
  });

  test('no console errors and no uncaught page errors in any page', () => {
    expect(suite.shots.problems()).toEqual([]);
  });
});
