/**
 * The console's Expertise view (Files panel) in chromium against the real local stack: an expertise
 * document written over REST shows with its content and its history (author, reason, coloured diff),
 * and a new version written while the view is open appears live, without a reload.
 * Screenshots: test-results/browser/experts/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSuite, poll, UI_TIMEOUT } from './harness/suite.ts';

const suite = browserSuite('experts');

let desktop: Page;
let orchestratorId: string;

const put = (content: string, reason: string) =>
  suite.stack.api('PUT', `/orchestrators/${orchestratorId}/experts/websocket`, { content, reason });
const documentPane = () => desktop.getByTestId('expertise-document');
const versions = () => desktop.getByRole('list', { name: 'Versions' }).getByRole('listitem');

describe('the Expertise view in chromium', () => {
  test('shows an expert’s document and its history with coloured diffs', async () => {
    const created = await suite.stack.api<{ id: string }>('POST', '/orchestrators', { name: 'experts e2e' });
    orchestratorId = created.id;
    await put('# WebSocket\n- server: src/ws.ts\n', 'first notes');
    await put('# WebSocket\n- server: src/server/ws.ts\n- replay after seq\n', 'the server moved');

    desktop = await suite.shots.open('desktop');
    await desktop.goto(`${suite.stack.baseUrl}/o/${orchestratorId}#token=${suite.stack.token}`);
    await desktop.waitForURL(new RegExp(`/o/${orchestratorId}$`), { timeout: UI_TIMEOUT });
    await desktop
      .getByRole('tablist', { name: 'Centre view' })
      .getByRole('tab', { name: 'Files', exact: true })
      .click();
    await desktop
      .getByRole('group', { name: 'Files view' })
      .getByRole('button', { name: 'Expertise' })
      .click();

    await expect.poll(() => documentPane().textContent(), poll).toContain('- replay after seq');
    await expect
      .poll(() => desktop.getByRole('navigation', { name: 'Domains' }).textContent(), poll)
      .toContain('websocket');
    expect(await documentPane().getByRole('heading', { level: 3 }).textContent()).toBe('websocket');
    await expect.poll(() => versions().count(), poll).toBe(2);
    expect(await versions().first().textContent()).toContain('v2 · user · +2 −1');
    expect(await versions().first().textContent()).toContain('the server moved');
    const diff = desktop.getByLabel('Diff of version 2');
    expect(await diff.locator('.line.add').allTextContents()).toEqual([
      '+- server: src/server/ws.ts',
      '+- replay after seq',
    ]);
    expect(await diff.locator('.line.remove').allTextContents()).toEqual(['-- server: src/ws.ts']);
    await suite.shots.screenshot(desktop, 'expertise-v2');

    await versions().last().getByRole('button').click();
    const first = desktop.getByLabel('Diff of version 1');
    await first.waitFor({ timeout: UI_TIMEOUT });
    expect(await first.locator('.line.add').allTextContents()).toEqual([
      '+# WebSocket',
      '+- server: src/ws.ts',
    ]);
  });

  test('a new version appears live', async () => {
    await put(
      '# WebSocket\n- server: src/server/ws.ts\n- replay after seq\n- heartbeat: ping/pong\n',
      'heartbeats',
    );
    await expect.poll(() => documentPane().textContent(), poll).toContain('- heartbeat: ping/pong');
    await expect.poll(() => versions().count(), poll).toBe(3);
    expect(await versions().first().textContent()).toContain('heartbeats');
    await suite.shots.screenshot(desktop, 'expertise-live');
  });
});
