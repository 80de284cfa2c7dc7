import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { RESULTS_DIR, useAppServer, waitForStatus } from './harness.ts';

/** Vite preview of the built app and Chromium. */
const env = useAppServer();

describe('why pods waited (Chromium)', () => {
  it('shows a wait breakdown per strategy, names the dominant cause in the verdict, and links a cause to its slider', async () => {
    const page: Page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.preview.url);
    await waitForStatus(page, 'done');
    const chart = page.locator('#chart-wait-breakdown');
    await chart.scrollIntoViewIfNeeded();
    await page.waitForSelector('[data-testid=wait-breakdown] [data-cause]');
    // One bar per strategy of the headline, each with at least two causes (a start always has a
    // sandbox and an image pull); the ECI-only bar has the launch limit in it.
    const labels = await chart.locator('svg.chart-svg text').allTextContents();
    for (const name of ['ACK + cluster-autoscaler', 'ECI only (ASK)', 'ACK + ECI virtual node']) expect(labels).toContain(name);
    const parts = await chart.locator('[data-cause]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-cause')));
    expect(parts.filter((c) => c === 'sandbox')).toHaveLength(3);
    expect(parts).toContain('launchThrottle');
    expect(parts).toContain('overflowTimeout');
    // The verdict names the largest cause of each strategy, with the setting behind it.
    const why = await page.textContent('[data-testid=verdict-waits]');
    expect(why).toMatch(/^Where the wait goes: \d+% of the wait of ECI only \(ASK\) is the ECI launch limit of 20 pods\/s; /);
    // The node provisioning part's tooltip splits it by stage (ACK: the node group's reaction, the
    // node's create-to-Ready), in pod-hours.
    await chart.locator('[data-cause=provisioning] rect').first().hover();
    const tip = chart.locator('.tooltip');
    const rows = await tip.locator('tbody tr').allInnerTexts();
    expect(rows[0]).toMatch(/^\s*node provisioning\s+[\d,.]+ pod-h \([\d.]+%\)$/);
    expect(rows.some((r) => /node group reaction\s+[\d,.]+ pod-h$/.test(r))).toBe(true);
    expect(rows.some((r) => /create, boot, register, Ready\s+[\d,.]+ pod-h$/.test(r))).toBe(true);
    await chart.screenshot({ path: `${RESULTS_DIR}/wait-breakdown-stages-1280.png` });
    await page.mouse.move(0, 0);
    // The legend under the chart links the launch limit to its slider.
    await page.locator('[data-testid=wait-knobs] a', { hasText: 'serverless launch limit' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('knob-launchRatePerSecond');
    await chart.scrollIntoViewIfNeeded();
    await chart.screenshot({ path: `${RESULTS_DIR}/wait-breakdown-1280.png` });
    expect(errors).toEqual([]);
    await page.close();
  });
});
