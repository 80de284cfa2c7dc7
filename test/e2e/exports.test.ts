import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Download, Locator, Page } from 'playwright-core';
import { RESULTS_DIR, ROOT, tableText, useAppServer, waitForStatus } from './harness.ts';

/** Vite preview of the built app and Chromium, shared by this file's tests. */
const env = useAppServer();

async function openApp(): Promise<Page & { errors: string[] }> {
  const page = (await env.browser.newPage({ viewport: { width: 1280, height: 800 } })) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(env.preview.url);
  await waitForStatus(page, 'done');
  await page.waitForSelector('[data-testid=comparison-table]');
  return page;
}

/** Clicks a control and returns the file it downloads: its suggested name and bytes. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

/** Focuses chart `id` (as Tab would) and returns its keyboard read-out once it shows. */
async function focusReadout(page: Page, id: string): Promise<Locator> {
  await page.locator(`#chart-${id} svg.chart-svg`).focus();
  const tip = page.locator(`#chart-${id} .tooltip`);
  await tip.waitFor();
  return tip;
}

describe('Exports and drag-and-drop in Chromium', () => {
  it('downloads the summary CSV, the time series CSV and the JSON of the results on screen', async () => {
    const page = await openApp();
    const rows = await tableText(page);

    const json = await download(page, () => page.getByRole('button', { name: 'JSON', exact: true }).click());
    expect(json.name).toMatch(/result\.json$/);
    const result = JSON.parse(json.bytes.toString('utf8')) as { strategies: Array<{ name: string; cost: { total: number }; series: Record<string, number[]> }> };
    const names = result.strategies.map((s) => s.name);
    // The strategies on screen, in order.
    expect(names).toHaveLength(rows.length);
    rows.forEach((row, i) => expect(row.startsWith(names[i])).toBe(true));
    expect(result.strategies[0].series.runningPods).toHaveLength(480);

    const summary = await download(page, () => page.getByRole('button', { name: 'Summary CSV' }).click());
    expect(summary.name).toMatch(/summary\.csv$/);
    const lines = summary.bytes.toString('utf8').trim().split(/\r?\n/);
    expect(lines[0].startsWith('strategy,kind,currency,cost_total,')).toBe(true);
    // One row per strategy, in the table's order.
    expect(lines).toHaveLength(1 + rows.length);
    lines.slice(1).forEach((line, i) => expect(line.startsWith(`${names[i]},`) || line.startsWith(`"${names[i]}",`)).toBe(true));
    // The summary's cost_total is the JSON's cost.
    const costs = lines.slice(1).map((l) => Number(l.split(',').at(3)));
    expect(costs.map(Math.round)).toEqual(result.strategies.map((s) => Math.round(s.cost.total)));

    const series = await download(page, () => page.getByRole('button', { name: 'Time series CSV' }).click());
    expect(series.name).toMatch(/series\.csv$/);
    // 480 points per strategy, one row per point and strategy, plus the header.
    expect(series.bytes.toString('utf8').trim().split(/\r?\n/)).toHaveLength(1 + 480 * rows.length);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('downloads a chart as a standalone SVG and as a PNG', async () => {
    const page = await openApp();
    const title = (await page.locator('#chart-pending-cdf h3').innerText()).trim();
    const svg = await download(page, () => page.getByRole('button', { name: `Download “${title}” as SVG` }).click());
    expect(svg.name).toMatch(/\.svg$/);
    const text = svg.bytes.toString('utf8');
    // A standalone file: XML declaration, then the svg element with its namespace.
    expect(text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<svg /);
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    // The file says what it shows: the chart's title and every legend entry (HTML on the page).
    expect(text).toContain(`>${title}</text>`);
    const legend = await page.locator('#chart-pending-cdf .legend li').allInnerTexts();
    expect(legend.length).toBeGreaterThan(1);
    for (const label of legend) expect(text).toContain(`>${label.trim()}</text>`);
    // Well-formed XML with one root (the plot nests inside it), and it parses back in the browser.
    const parsed = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? '', root: doc.documentElement.nodeName, plots: doc.querySelectorAll('svg > svg').length };
    }, text);
    expect(parsed).toEqual({ error: '', root: 'svg', plots: 1 });
    const png = await download(page, () => page.getByRole('button', { name: `Download “${title}” as PNG` }).click());
    expect(png.name).toMatch(/\.png$/);
    // The PNG signature, and an image of some size.
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.length).toBeGreaterThan(5_000);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('reads a time chart with the keyboard: focus, arrows, End, Escape; the read-out is announced', async () => {
    const page = await openApp();
    // The chart is a tab stop; focus shows the first point.
    expect(await page.locator('#chart-cumulative-cost svg.chart-svg').getAttribute('tabindex')).toBe('0');
    const tooltip = await focusReadout(page, 'cumulative-cost');
    expect(await tooltip.getAttribute('role')).toBe('status');
    const first = await tooltip.locator('.tooltip-title').innerText();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const third = await tooltip.locator('.tooltip-title').innerText();
    expect(third).not.toBe(first);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await tooltip.locator('.tooltip-title').innerText()).toBe(first);
    // One row per strategy, with a value.
    expect(await tooltip.locator('tbody tr').count()).toBe((await tableText(page)).length);
    await page.keyboard.press('End');
    await page.locator('#chart-cumulative-cost').screenshot({ path: `${RESULTS_DIR}/chart-keyboard-1280x800.png` });
    const last = await tooltip.locator('.tooltip-title').innerText();
    expect(last).not.toBe(first);
    await page.keyboard.press('ArrowRight');
    expect(await tooltip.locator('.tooltip-title').innerText()).toBe(last);
    await page.keyboard.press('Escape');
    expect(await tooltip.count()).toBe(0);
    // The pending-time CDF reads the same way, across its (log) time axis.
    const cdfTip = await focusReadout(page, 'pending-cdf');
    const start = await cdfTip.locator('.tooltip-title').innerText();
    expect(start).toMatch(/^Started within /);
    await page.keyboard.press('End');
    expect(await cdfTip.locator('.tooltip-title').innerText()).not.toBe(start);
    // At the right end of the axis every pod that started has started: the shares are the highest.
    const shares = (await cdfTip.locator('td.num').allInnerTexts()).map((v) => parseFloat(v));
    expect(shares.every((v) => v > 50)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await cdfTip.count()).toBe(0);
    // The cost breakdown steps through its bars: each read-out is one strategy's line item.
    const barTip = await focusReadout(page, 'cost-breakdown');
    const firstBar = await barTip.innerText();
    await page.keyboard.press('ArrowRight');
    expect(await barTip.innerText()).not.toBe(firstBar);
    expect(await barTip.locator('tbody tr').count()).toBe(1);
    expect(await barTip.locator('td.num').innerText()).toMatch(/\$[\d,.]+/);
    await page.keyboard.press('Escape');
    expect(await barTip.count()).toBe(0);
    // So does the wait breakdown, cause by cause: pod-hours and their share.
    const waitTip = await focusReadout(page, 'wait-breakdown');
    const firstPart = await waitTip.innerText();
    await page.keyboard.press('ArrowRight');
    expect(await waitTip.innerText()).not.toBe(firstPart);
    // (The first row is the cause; node provisioning lists its stages below it.)
    expect(await waitTip.locator('td.num').first().innerText()).toMatch(/pod-h \([\d.]+%\)$/);
    await page.keyboard.press('Escape');
    expect(await waitTip.count()).toBe(0);
    // The exported file is not a tab stop.
    const title = (await page.locator('#chart-cumulative-cost h3').innerText()).trim();
    const svg = await download(page, () => page.getByRole('button', { name: `Download “${title}” as SVG` }).click());
    expect(svg.bytes.toString('utf8')).not.toContain('tabindex');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('opens the import dialog for a CSV dropped anywhere on the page', async () => {
    const page = await openApp();
    const csv = readFileSync(resolve(ROOT, 'test/fixtures/e2e/small-pods.csv'), 'utf8');
    // A real drag of a file: dragenter shows the overlay, drop hands the file to the import.
    const data = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped-pods.csv', { type: 'text/csv' }));
      return dt;
    }, csv);
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: data });
    await page.waitForSelector('.drop-overlay');
    await page.dispatchEvent('main', 'drop', { dataTransfer: data });
    await page.waitForSelector('dialog.import-dialog[data-stage="mapping"]', { state: 'attached' });
    expect(await page.locator('dialog.import-dialog').innerText()).toContain('dropped-pods.csv');
    expect(await page.locator('dialog.import-dialog #detected-heading').innerText()).toMatch(/Pod list/);
    expect(await page.locator('.drop-overlay').count()).toBe(0);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
