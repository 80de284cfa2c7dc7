import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MAIN_THREAD_PROBE, RESULTS_DIR, ROOT, useAppServer, waitForStatus } from './harness.ts';

/** Vite preview of the built app and Chromium, shared by this file's tests. */
const env = useAppServer();
const FIXTURES = resolve(ROOT, 'test/fixtures/cluster');

async function openApp(): Promise<Page & { errors: string[] }> {
  const page = (await env.browser.newPage({ viewport: { width: 1280, height: 800 } })) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.addInitScript(MAIN_THREAD_PROBE);
  await page.goto(env.preview.url);
  await waitForStatus(page, 'done');
  return page;
}

const waitForStage = (page: Page, stage: string) => page.waitForSelector(`dialog.import-dialog[data-stage="${stage}"]`, { timeout: 30_000, state: 'attached' });
const stat = async (page: Page, id: string) => (await page.getByTestId(`import-${id}`).innerText()).replace(/\s+/g, ' ').trim();

describe('JSON cluster exports in Chromium', () => {
  it('imports kubectl get pods -o json: detected, no column form, simplifications listed, accepted', async () => {
    const page = await openApp();
    await page.setInputFiles('#import-trace-file', resolve(FIXTURES, 'kubectl-pods.json'));
    await waitForStage(page, 'mapping');
    const dialog = page.locator('dialog.import-dialog');
    expect(await dialog.locator('#detected-heading').innerText()).toBe('Detected: kubectl get pods -o json (a snapshot)');
    expect(await dialog.locator('#imp-startColumn').count()).toBe(0);
    await dialog.getByRole('button', { name: /^Import / }).click();
    await waitForStage(page, 'preview');
    // Worked out by hand in test/trace/clusterExport.test.ts.
    expect(await stat(page, 'accepted')).toBe('Pods accepted 4 of 7');
    expect(await stat(page, 'span')).toBe('Time span snapshot every pod runs from the horizon start past its end');
    const simplified = (await page.getByTestId('import-simplified').innerText()).replace(/\s+/g, ' ');
    expect(simplified).toContain('1 pod never scheduled in the source (status.phase Pending) is replayed as an ordinary pod');
    expect(simplified).toContain('GPU requests dropped (nvidia.com/gpu): 1 pod asked for GPUs');
    expect((await page.getByTestId('import-rejections').innerText()).replace(/\s+/g, ' ')).toContain('memory request "512m" is not a quantity pod shop/typo-h');
    await page.screenshot({ path: `${RESULTS_DIR}/import-kubectl-preview-1280x800.png` });
    await dialog.getByRole('button', { name: 'Skip 1 rejected row and use the trace' }).click();
    await waitForStage(page, 'closed');
    const card = page.locator('[data-testid^=trace-source-]');
    await card.waitFor();
    expect((await card.innerText()).replace(/\s+/g, ' ')).toMatch(/4 pods · imported from kubectl-pods\.json/);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('imports a Prometheus query_range export with its censored pods counted', async () => {
    const page = await openApp();
    await page.setInputFiles('#import-trace-file', resolve(FIXTURES, 'prometheus-query-range.json'));
    await waitForStage(page, 'mapping');
    const dialog = page.locator('dialog.import-dialog');
    expect(await dialog.locator('#detected-heading').innerText()).toBe('Detected: Prometheus query_range export (kube-state-metrics pod requests)');
    await dialog.getByRole('button', { name: /^Import / }).click();
    await waitForStage(page, 'preview');
    expect(await stat(page, 'accepted')).toBe('Pods accepted 4 of 5');
    expect(await stat(page, 'censored')).toBe('Censored: at start / at end 1 / 2');
    expect(await stat(page, 'span')).toBe('Time span 10 min');
    await dialog.getByRole('button', { name: 'Use the trace' }).click();
    await waitForStage(page, 'closed');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
