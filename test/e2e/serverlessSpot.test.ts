import { describe, expect, it } from 'vitest';
import { RESULTS_DIR, tableText, runAndWait, useAppServer, waitForStatus } from './harness.ts';

/** Vite preview of the built app and Chromium. */
const env = useAppServer();

describe('preemptible serverless pods in the editor', () => {
  it('ticks ECI preemptible pods on the headline, names the two missing settings, then runs once they are filled', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.preview.url);
    await waitForStatus(page, 'done');
    const before = await tableText(page);
    // Strategy 1 of the headline is ECI only (alibaba-eci): it offers ECI preemptible instances.
    const tick = page.locator('#f-strategies-1-serverless-spot-toggle');
    await tick.check();
    // ECI publishes no spot price or interruption rate: the editor says so on those two fields.
    await expect.poll(() => page.locator('[data-path="strategies.1.serverless.spot.discount"] .field-error').count()).toBe(1);
    await expect.poll(() => page.locator('[data-path="strategies.1.serverless.spot.interruptionsPerMonth"] .field-error').count()).toBe(1);
    await page.fill('#f-strategies-1-serverless-spot-discount', '0.7');
    await page.fill('#f-strategies-1-serverless-spot-interruptionsPerMonth', '0.1');
    await expect.poll(() => page.locator('[data-path^="strategies.1.serverless.spot"] .field-error').count()).toBe(0);
    await runAndWait(page);
    // ECI only at 70% off: its cost cell changes, nothing else is wrong.
    await expect.poll(() => tableText(page)).not.toEqual(before);
    const section = page.locator('[data-path="strategies.1.serverless.spot"]').first();
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: `${RESULTS_DIR}/serverless-spot-editor.png` });
    // The virtual-node strategy's serverless side is ECI too: it offers the same checkbox.
    expect(await page.locator('#f-strategies-2-serverless-spot-toggle').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
