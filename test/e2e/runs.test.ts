import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { RESULTS_DIR, useAppServer, waitForStatus } from './harness.ts';

/** Vite preview of the built app and Chromium, shared by this file's tests. */
const env = useAppServer();

/** Sets the runs control and returns ms from the input to the finished study's verdict on screen, in the page's clock. */
async function askRuns(page: Page, runs: number): Promise<number> {
  const input = page.getByTestId('runs-input');
  await input.fill('');
  const t0 = await page.evaluate(() => performance.now());
  await input.fill(String(runs));
  await page.waitForSelector(`[data-testid=verdict][data-runs="${runs}"]`, { timeout: 120_000 });
  return (await page.evaluate(() => performance.now())) - t0;
}

describe('Monte Carlo runs in Chromium', () => {
  it('20 runs of the headline: ranges in the table, bands in the cost and pending charts, a verdict over paired runs, exports carry them', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.preview.url);
    await waitForStatus(page, 'done');
    await page.waitForSelector('[data-testid=comparison-table]');
    // One run: no ranges, no bands, the single-seed verdict.
    expect(await page.locator('[data-metric=costTotalBand]').count()).toBe(0);

    const cold = await askRuns(page, 20);
    await expect.poll(() => page.locator('[data-testid=run-band]').count()).toBe(6); // 3 strategies x (cost, pending CDF)
    const status = await page.getByTestId('study-status').innerText();
    expect(status).toContain('20 runs (seeds: the scenario\'s 42, then derived ones)');
    const verdict = await page.getByTestId('verdict').innerText();
    expect(verdict).toMatch(/paired runs/);
    expect(verdict).toMatch(/Within the SLO, median of 20 runs/);
    // Every strategy's cost, p95 and CPU cells carry a p5–p95 range.
    for (const key of ['costTotalBand', 'pendingP95Band', 'cpuUtilizationBand']) expect(await page.locator(`[data-metric=${key}]`).count()).toBe(3);
    const costRange = await page.locator('[data-metric=costTotalBand]').first().innerText();
    expect(costRange).toMatch(/^p5–p95 \$[\d,]+\.\d\d(–\$[\d,]+\.\d\d)?$/);
    await page.screenshot({ path: `${RESULTS_DIR}/runs-20.png`, fullPage: true });

    // Warm: the workers are up and compiled; ask again (1 then 20 seeds) and time it, five times
    // (issue 16's target, 3 s warm, is measured here and recorded in bench/README.md, not asserted:
    // the machine is shared).
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      await askRuns(page, 1);
      warm.push(await askRuns(page, 20));
    }
    const median = [...warm].sort((a, b) => a - b)[2];
    console.log(`20-run bands of the headline: cold ${Math.round(cold)} ms, warm median ${Math.round(median)} ms (${warm.map(Math.round).join(', ')}) from the request to the verdict on screen`);
    expect(await page.locator('[data-testid=run-band]').count()).toBe(6);

    // The JSON export carries the study as the CLI's --runs does.
    const [file] = (await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'JSON', exact: true }).click()])) as [Download, void];
    const doc = JSON.parse(await readFile((await file.path())!, 'utf8'));
    expect(doc.runs.count).toBe(20);
    expect(doc.runs.seeds[0]).toBe(42);
    for (const s of doc.strategies) {
      expect(s.bands.runs).toBe(20);
      expect(s.bands.cost.p5).toBeLessThanOrEqual(s.bands.cost.p50);
      expect(s.bands.cost.p50).toBeLessThanOrEqual(s.bands.cost.p95);
    }
    expect(doc.verdict).toHaveProperty('confidence');
    const [csv] = (await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Summary CSV' }).click()])) as [Download, void];
    const header = (await readFile((await csv.path())!, 'utf8')).split('\r\n')[0];
    expect(header).toContain('runs,cost_total_p5,cost_total_p50,cost_total_p95,pending_p95_s_p5');

    // Back to one run: no ranges.
    await askRuns(page, 1);
    expect(await page.locator('[data-metric=costTotalBand]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
