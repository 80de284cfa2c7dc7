import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { RESULTS_DIR, ROOT, runAndWait, useAppServer, waitForStatus } from './harness.ts';

/** Vite preview of the built app and Chromium, shared by this file's tests. */
const env = useAppServer();
const FIXTURES = resolve(ROOT, 'test/fixtures/e2e');

async function openApp(): Promise<Page & { errors: string[] }> {
  const page = (await env.browser.newPage({ viewport: { width: 1280, height: 900 } })) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(env.preview.url);
  await waitForStatus(page, 'done');
  await page.waitForSelector('[data-testid=comparison-table]');
  return page;
}

async function waitForStage(page: Page, stage: string): Promise<void> {
  await page.waitForSelector(`dialog.import-dialog[data-stage="${stage}"]`, { timeout: 30_000, state: 'attached' });
}

async function simulatedPods(page: Page): Promise<number> {
  const m = /Simulated ([\d,]+) pods/.exec(await page.getByTestId('run-status').innerText());
  if (!m) throw new Error('no pod count');
  return Number(m[1].replace(/,/g, ''));
}

/** Opens the import of `file` up to its preview. */
async function preview(page: Page, file: string): Promise<void> {
  await page.setInputFiles('#import-trace-file', resolve(FIXTURES, file));
  await waitForStage(page, 'mapping');
  await page.locator('dialog.import-dialog').getByRole('button', { name: /^Import / }).click();
  await waitForStage(page, 'preview');
}

async function run(page: Page): Promise<void> {
  await runAndWait(page);
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).innerText()).replace(/\s+/g, ' ').trim();

async function scenarioJson(page: Page): Promise<{ horizon?: unknown; workload: Record<string, unknown>[] }> {
  await page.getByRole('button', { name: 'Advanced: JSON' }).click();
  const json = JSON.parse(await page.inputValue('.json-view textarea, textarea'));
  await page.getByRole('button', { name: 'Form' }).click();
  return json;
}

describe('an imported trace is the workload the user meant, over a horizon that holds it', () => {
  it('replaces the workload by default, and the form removes any source but the last', async () => {
    const page = await openApp();
    const cards = page.locator('.editor section.card[data-path^="workload."]');
    const before = await cards.count();
    expect(before).toBeGreaterThan(1);
    // Remove works on a generator: one source fewer, and the run still goes.
    await page.getByRole('button', { name: /^Remove workload source/ }).first().click();
    expect(await cards.count()).toBe(before - 1);

    await preview(page, 'small-pods.csv');
    const dialog = page.locator('dialog.import-dialog');
    expect(await dialog.locator('input[name=trace-use][value=replace]').isChecked()).toBe(true);
    expect(await text(page, 'import-use')).toMatch(/Replace the current workload with this trace \(removes "/);
    expect(await text(page, 'import-time-rule')).toMatch(/^Time 0 is its first arrival, 1000 s in the file: a trace's time 0 is its first arrival, in files and in inline rows alike\./);
    await dialog.getByRole('button', { name: /use the trace/i }).click();
    await waitForStage(page, 'closed');
    expect(await cards.count()).toBe(1);
    expect((await scenarioJson(page)).workload.map((w) => w.name)).toEqual(['small-pods']);
    // The last source cannot be removed: a scenario needs a workload.
    expect(await page.getByRole('button', { name: 'Remove workload source small-pods' }).isDisabled()).toBe(true);
    await run(page);
    expect(await simulatedPods(page)).toBe(5);

    // "Add" is one click away and keeps the other sources.
    await preview(page, 'long-pods.csv');
    await dialog.locator('input[name=trace-use][value=add]').check();
    await dialog.getByRole('button', { name: /use the trace/i }).click();
    await waitForStage(page, 'closed');
    expect((await scenarioJson(page)).workload.map((w) => w.name)).toEqual(['small-pods', 'long-pods']);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('says when the horizon leaves pods out (preview and results), and "Fit horizon to trace" replays them all', async () => {
    const page = await openApp();
    await preview(page, 'long-pods.csv');
    const dialog = page.locator('dialog.import-dialog');
    // Counts worked out in test/fixtures/e2e/README.md: last end 10 d; 2 before the 1 d horizon, 3 after.
    expect(await text(page, 'import-horizon')).toMatch(/^The trace spans 10 d, its last pod ending at 10 d on the scenario's clock; the scenario's horizon is 1 d\. 3 of 5 pods arrive after the horizon and would not be replayed\. Fit horizon to trace \(10 d\)$/);
    await page.screenshot({ path: `${RESULTS_DIR}/horizon-preview-1280x900.png` });
    // Used as it is first: the results header says what the horizon left out.
    await dialog.getByRole('button', { name: /use the trace/i }).click();
    await waitForStage(page, 'closed');
    await run(page);
    expect(await simulatedPods(page)).toBe(2);
    expect(await text(page, 'horizon-cut')).toMatch(/^3 trace pods arrive after the 1 d horizon and were not replayed\./);
    await page.screenshot({ path: `${RESULTS_DIR}/horizon-results-cut-1280x900.png` });

    // Again, fitted: the horizon becomes 240 h and every pod replays.
    await preview(page, 'long-pods.csv');
    await dialog.getByRole('button', { name: 'Fit horizon to trace (10 d)' }).click();
    expect(await text(page, 'import-horizon-fitted')).toMatch(/^The horizon will be set to 10 d when you use the trace: all 5 pods arrive within it\./);
    await dialog.getByRole('button', { name: /use the trace/i }).click();
    await waitForStage(page, 'closed');
    expect(await page.inputValue('#f-horizon')).toBe('240h');
    await run(page);
    expect(await simulatedPods(page)).toBe(5);
    expect(await page.getByTestId('horizon-cut').count()).toBe(0);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('replays a chosen part of a long trace, shown on its activity chart, kept in the scenario', async () => {
    const page = await openApp();
    await preview(page, 'long-pods.csv');
    const dialog = page.locator('dialog.import-dialog');
    await page.fill('#imp-window-from', '5d');
    expect(await text(page, 'import-window-counts')).toBe(
      "4 pods in the window (1 already running at its start, replayed from it for the time they had left); 1 pod outside it, not replayed. The window's start becomes the trace's time 0.",
    );
    expect(await dialog.locator('[data-testid=concurrency-window] rect.inside').count()).toBe(1);
    expect(await dialog.locator('.concurrency-chart figcaption').innerText()).toContain('replayed: 5 d to its end');
    await dialog.getByRole('button', { name: 'Fit horizon to trace (5 d)' }).click();
    await page.screenshot({ path: `${RESULTS_DIR}/horizon-window-1280x900.png` });
    await dialog.getByRole('button', { name: /use the trace/i }).click();
    await waitForStage(page, 'closed');
    const json = await scenarioJson(page);
    expect(json.horizon).toBe('120h');
    expect(json.workload).toHaveLength(1);
    expect(json.workload[0]).toMatchObject({ type: 'trace', name: 'long-pods', window: { from: 5 * 86400 } });
    expect(await text(page, 'trace-window')).toMatch(/^Replays the part from 5 d to its end after the trace's first arrival/);
    await run(page);
    expect(await simulatedPods(page)).toBe(4);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
