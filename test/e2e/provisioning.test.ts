import { describe, expect, it } from 'vitest';
import { RESULTS_DIR, useAppServer, waitForStatus, durationSeconds } from './harness.ts';

/** Vite preview of the built app and Chromium, shared by this file's tests. */
const env = useAppServer();

/** The table's compact durations ("3m 53s", "49 s", "1h 2m") as seconds. */
describe('node provisioning stages in the app (headline scenario)', () => {
  it('shows nodes requested behind nodes Ready, and the provisioning-time slider moves the stages', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.preview.url);
    await waitForStatus(page, 'done');
    await page.waitForSelector('[data-testid=comparison-table]');

    // Both ACK strategies ask for nodes before they are Ready: their requested lines are drawn.
    const fleet = page.locator('#chart-fleet');
    await fleet.scrollIntoViewIfNeeded();
    expect(await fleet.locator('[data-testid=fleet-requested]').count()).toBe(2);
    expect(await fleet.locator('[data-testid=fleet-requested-note]').textContent()).toContain('requested');
    await fleet.screenshot({ path: `${RESULTS_DIR}/fleet-requested-vs-ready-1280.png` });

    // The slider starts at the ACK preset's stages: node group 100 s + 2 + 20 + 30 + 10 s = 162 s,
    // shown on its 5 s steps from 10 s (160).
    const slider = page.locator('#knob-provisioningMedian');
    await slider.scrollIntoViewIfNeeded();
    expect(await slider.inputValue()).toBe('160');
    const p95Text = () => page.locator('[data-testid=comparison-table] tbody tr').first().locator('[data-metric=pendingP95]').innerText();
    const p95 = async () => durationSeconds(await p95Text());
    const before = await p95();
    await slider.focus();
    await page.keyboard.press('End');
    await page.waitForFunction(() => document.querySelector('#knob-provisioningMedian') && (document.querySelector('#knob-provisioningMedian') as HTMLInputElement).value === '600');
    await page.waitForTimeout(500);
    await waitForStatus(page, 'done');
    const after = await p95();
    // Every stage x 600/162 (node group 100 s -> 370 s): the node pool's p95 pending grows by
    // about that much (it is 3m 53s at the preset's stages).
    expect(after, `p95 ${await p95Text()} after, ${before} s before`).toBeGreaterThan(before + 200);
    await fleet.scrollIntoViewIfNeeded();
    await fleet.screenshot({ path: `${RESULTS_DIR}/fleet-requested-vs-ready-slow-1280.png` });
    expect(errors).toEqual([]);
    await context.close();
  });
});
