import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { encodePayload } from '../../src/share/index.ts';
import { RESULTS_DIR, tableText, useAppServer, waitForStatus } from './harness.ts';
import { LIVE_DEBOUNCE_MS } from '../../src/app/whatif/WhatIfPanel.tsx';

/** Vite preview of the built app and Chromium, shared by this file's tests. */
const env = useAppServer();

type TrackedPage = Page & { errors: string[]; dialogs: string[] };

async function newContext(width = 1280, height = 800): Promise<BrowserContext> {
  const context = await env.browser.newContext({ viewport: { width, height } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.preview.url.replace(/\/$/, '') });
  return context;
}

async function open(context: BrowserContext, url = env.preview.url): Promise<TrackedPage> {
  const page = (await context.newPage()) as TrackedPage;
  page.errors = [];
  page.dialogs = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('dialog', (d) => {
    page.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  await waitForStatus(page, 'done');
  await page.waitForSelector('[data-testid=comparison-table]');
  return page;
}

/** Moves a range input by `steps` arrow presses and measures input -> table text changed, in the page's clock. */
async function nudgeSlider(page: Page, id: string, key: 'ArrowRight' | 'ArrowLeft', steps = 1): Promise<number> {
  await page.locator(`#${id}`).scrollIntoViewIfNeeded();
  await page.focus(`#${id}`);
  await page.evaluate(() => {
    const w = window as unknown as { __tableChanged: Promise<number>; __inputAt: number };
    const tbody = document.querySelector('[data-testid=comparison-table] tbody')!;
    const before = (tbody as HTMLElement).innerText;
    w.__tableChanged = new Promise<number>((resolve) => {
      const mo = new MutationObserver(() => {
        const now = performance.now();
        const current = document.querySelector('[data-testid=comparison-table] tbody') as HTMLElement | null;
        if (current && current.innerText !== before) {
          mo.disconnect();
          resolve(now);
        }
      });
      mo.observe(document.querySelector('.results-column')!, { subtree: true, childList: true, characterData: true });
    });
    document.addEventListener('input', () => (w.__inputAt = performance.now()), { capture: true, once: true });
  });
  for (let i = 0; i < steps; i++) await page.keyboard.press(key);
  return page.evaluate(async () => {
    const w = window as unknown as { __tableChanged: Promise<number>; __inputAt: number };
    const changed = await w.__tableChanged;
    return changed - w.__inputAt;
  });
}

describe('What-if analysis in Chromium', () => {
  it('copies a link that opens the same results in a fresh browser context, and the URL follows edits', async () => {
    const context = await newContext();
    const page = await open(context);
    await nudgeSlider(page, 'knob-burstScale', 'ArrowLeft', 4);
    await waitForStatus(page, 'done');
    const rows = await tableText(page);
    // The fragment follows the edit (debounced), so a reload keeps the work.
    await expect.poll(() => page.evaluate(() => location.hash), { timeout: 5_000 }).toMatch(/^#s1\./);
    await page.getByTestId('copy-link').click();
    await expect.poll(() => page.getByTestId('copy-status').innerText()).toMatch(/Link copied \(\d[\d,]* characters\)/);
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s1\.[A-Za-z0-9_-]+$/);
    expect(link).toBe(await page.evaluate(() => location.href));
    console.log(`link for the headline scenario with burst ×0.80: ${link.length} characters`);
    await page.screenshot({ path: `${RESULTS_DIR}/whatif-copied-1280x800.png` });

    const other = await newContext();
    const fresh = await open(other, link);
    expect(await tableText(fresh)).toEqual(rows);
    expect(await fresh.inputValue('#f-workload-1-podsPerSession')).toBe('9600');
    expect(await fresh.getByTestId('link-banner').count()).toBe(0);

    await fresh.reload();
    await waitForStatus(fresh, 'done');
    expect(await tableText(fresh)).toEqual(rows);
    expect(fresh.errors).toEqual([]);
    expect(page.errors).toEqual([]);
    await other.close();
    await context.close();
  });

  it('opens a tampered link with a message and the default scenario; link text never runs as script', async () => {
    const context = await newContext();
    const page = await open(context);
    const headline = await tableText(page);
    await page.getByTestId('copy-link').click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const hash = link.indexOf('#s1.') + 4;
    const mid = hash + Math.floor((link.length - hash) / 2);
    const tampered = link.slice(0, mid) + (link[mid] === 'A' ? 'B' : 'A') + link.slice(mid + 1);

    for (const [what, url] of [
      ['tampered', tampered],
      ['truncated', link.slice(0, link.length - 9)],
      ['future version', link.replace('#s1.', '#s7.')],
    ] as const) {
      const p = await open(context, url);
      const banner = p.getByTestId('link-banner');
      await banner.waitFor();
      expect(await banner.innerText(), what).toMatch(/could not be opened/);
      expect(await tableText(p), what).toEqual(headline);
      expect(await p.inputValue('#builtin-scenario')).toBe('online-class-evening-burst');
      // The bad link stays in the address bar (to copy again or report) until the user edits.
      expect(await p.evaluate(() => location.href)).toBe(url);
      if (what === 'tampered') {
        await p.screenshot({ path: `${RESULTS_DIR}/whatif-tampered-1280x800.png` });
        await p.setViewportSize({ width: 390, height: 844 });
        await p.screenshot({ path: `${RESULTS_DIR}/whatif-tampered-390x844.png` });
      }
      expect(p.errors).toEqual([]);
      await p.close();
    }

    // A valid link whose text fields hold markup: shown as text, nothing executes.
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const fragment = await encodePayload(
      JSON.stringify({
        schemaVersion: 1,
        name: evil,
        description: evil,
        horizon: '2h',
        workload: [{ type: 'burst', name: evil, sessionStarts: ['00:10'], podsPerSession: 50, pod: { cpuMillicores: 500, memoryMiB: 512 } }],
        strategies: [{ kind: 'serverless', name: evil, serverless: { preset: 'aws-fargate' } }],
      }),
    );
    const p = await open(context, env.preview.url + fragment);
    expect((await tableText(p))[0]).toContain(evil);
    expect(await p.locator('img[src=x]').count()).toBe(0);
    expect(p.dialogs).toEqual([]);
    expect(p.errors).toEqual([]);
    await context.close();
  });

  it('re-runs live as a slider moves and records the update time', async () => {
    const context = await newContext();
    const page = await open(context);
    const before = await tableText(page);
    await page.getByTestId('pin-run').click();
    // Warm-up move (worker and code paths), then the measured moves.
    await nudgeSlider(page, 'knob-overflowTimeout', 'ArrowRight', 1);
    await waitForStatus(page, 'done');
    const times: number[] = [];
    const simulated: string[] = [];
    for (const [id, key] of [
      ['knob-overflowTimeout', 'ArrowRight'],
      ['knob-provisioningMedian', 'ArrowLeft'],
      ['knob-serverlessPriceScale', 'ArrowRight'],
      ['knob-scaleDownUnneededTime', 'ArrowLeft'],
      ['knob-minNodes', 'ArrowRight'],
    ] as const) {
      times.push(await nudgeSlider(page, id, key));
      await waitForStatus(page, 'done');
      simulated.push((await page.locator('[data-elapsed-ms]').getAttribute('data-elapsed-ms')) ?? '?');
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`slider input -> table updated (headline scenario, includes the ${LIVE_DEBOUNCE_MS} ms debounce): ${times.map((t) => t.toFixed(0)).join(', ')} ms; median ${sorted[2].toFixed(0)} ms; of which the run (request to merged results) ${simulated.join(', ')} ms`);
    expect(sorted[2]).toBeLessThan(3_000);
    expect(await tableText(page)).not.toEqual(before);
    expect(await page.locator('#f-strategies-0-nodePool-minNodes').inputValue()).toBe('5');
    // Compared with the pinned run: deltas in the table, faded dashed lines in the charts.
    expect(await page.locator('[data-metric=costTotalVsPinned]').count()).toBe(3);
    expect(await page.locator('[data-metric=costTotalVsPinned]').first().innerText()).toMatch(/^Δ [+-]\$[\d,.]+\s+vs pinned run$/);
    expect(await page.locator('#chart-cumulative-cost path[stroke-dasharray="3 3"]').count()).toBe(3);
    await page.locator('[data-testid=comparison-table]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS_DIR}/whatif-pinned-1280x800.png` });
    await page.locator('#chart-cumulative-cost').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS_DIR}/whatif-pinned-chart-1280x800.png` });
    // Dragging quickly: many inputs, one (the newest) result.
    await nudgeSlider(page, 'knob-burstScale', 'ArrowRight', 8);
    await waitForStatus(page, 'done');
    expect(await page.locator('#knob-burstScale').inputValue()).toBe('1.4');
    expect(await page.inputValue('#f-workload-1-podsPerSession')).toBe('16800');
    await page.locator('[data-testid=whatif]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS_DIR}/whatif-sliders-1280x800.png` });
    expect(page.errors).toEqual([]);
    await context.close();

    const phone = await newContext(390, 844);
    const p = await open(phone);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await p.locator('[data-testid=whatif]').scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${RESULTS_DIR}/whatif-sliders-390x844.png` });
    await phone.close();
  });

  it('runs a 4-step sweep over a worker pool and shows the sweep charts with break-even points', async () => {
    const context = await newContext();
    const page = await open(context);
    await page.locator('[data-testid=sweep]').scrollIntoViewIfNeeded();
    expect(await page.inputValue('#sweep-1-path')).toBe('workload.1.podsPerSession');
    await page.fill('#sweep-1-from', '1000');
    await page.fill('#sweep-1-to', '24000');
    await page.fill('#sweep-1-steps', '4');
    await page.getByTestId('run-sweep').click();
    await page.waitForSelector('[data-sweep-status=running]');
    await page.waitForSelector('[data-sweep-status=done]', { timeout: 120_000 });
    for (const id of ['sweep-cost', 'sweep-p95']) {
      const chart = page.locator(`#chart-${id} svg.chart-svg`);
      await chart.scrollIntoViewIfNeeded();
      expect(await chart.isVisible()).toBe(true);
    }
    expect(await page.locator('#chart-sweep-cost path[stroke]').count()).toBeGreaterThanOrEqual(3);
    // The parameter reads as the editor names it, not as its schema path.
    expect(await page.locator('#chart-sweep-cost h3').innerText()).toBe('Total cost vs Pods per session (evening classes)');
    expect(await page.locator('[data-testid=sweep-table] thead th').first().innerText()).toBe('Pods per session (evening classes)');
    // Pods per session changes the workload: no cost-vs-p95 scatter across workload sizes, and the
    // ◆ (explained under the table) compares the strategies of each workload.
    expect(await page.locator('#chart-sweep-pareto').count()).toBe(0);
    expect(await page.getByTestId('sweep-no-pareto').innerText()).toContain('changes the workload');
    expect(await page.getByTestId('pareto-note').innerText()).toContain('strategy on the same workload');
    const diamondsPerRow = await page.$$eval('[data-testid=sweep-table] tbody tr', (rows) => rows.map((r) => (r.textContent ?? '').split('◆').length - 1));
    expect(diamondsPerRow.every((d) => d >= 1)).toBe(true);
    // Break-even labels never overlap each other.
    const boxes = await page.$$eval('#chart-sweep-p95 [data-testid=break-even-marker] text', (els) => els.filter((e) => e.textContent).map((e) => { const b = (e as SVGTextElement).getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; }));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      expect(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3], `labels ${i} and ${j} overlap`).toBe(false);
    }
    const list = await page.getByTestId('break-even-list').innerText();
    console.log(`sweep break-even list (headline, workload.1.podsPerSession=1000:24000:4):\n${list}`);
    expect(list).toMatch(/Break-even .+ ≈ [\d,.]+|No crossing/);
    const labels = await page.locator('#chart-sweep-cost [data-testid=break-even-marker] text').allTextContents();
    console.log(`cost chart break-even labels: ${JSON.stringify(labels)}`);
    const table = await page.$$eval('[data-testid=sweep-table] tbody tr', (rows) => rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    console.log(`sweep table:\n${table.join('\n')}`);
    expect(table).toHaveLength(4);
    await page.locator('[data-testid=sweep-results]').scrollIntoViewIfNeeded();
    await page.locator('#chart-sweep-cost').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS_DIR}/sweep-1280x800.png` });
    await page.screenshot({ path: `${RESULTS_DIR}/sweep-1280x800-full.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#chart-sweep-cost').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS_DIR}/sweep-390x844.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(page.errors).toEqual([]);
    await context.close();
  });
});
