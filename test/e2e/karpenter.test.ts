import { describe, expect, it } from 'vitest';
import { RESULTS_DIR, tableText, runAndWait, useAppServer, waitForStatus } from './harness.ts';

/** Vite preview of the built app and Chromium. */
const env = useAppServer();

describe('Karpenter in the editor', () => {
  it('switches a node pool to Karpenter, shows its fields, and runs it without errors', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.preview.url);
    await waitForStatus(page, 'done');
    const before = await tableText(page);
    const select = page.locator('#f-strategies-0-nodePool-provisioner');
    expect(await select.inputValue()).toBe('clusterAutoscaler');
    await select.selectOption('karpenter');
    // Karpenter's own fields replace cluster-autoscaler's.
    await expect.poll(() => page.locator('#f-strategies-0-nodePool-karpenter-consolidateAfter').count()).toBe(1);
    expect(await page.locator('#f-strategies-0-nodePool-autoscaler-scanInterval').count()).toBe(0);
    await page.fill('#f-strategies-0-nodePool-karpenter-consolidateAfter', '15m');
    await runAndWait(page);
    await expect.poll(() => tableText(page)).not.toEqual(before);
    expect(await page.locator('[data-path="strategies.0.nodePool"] .field-error').count()).toBe(0);
    const section = page.locator('fieldset[data-path="strategies.0.nodePool.karpenter"]');
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: `${RESULTS_DIR}/karpenter-editor.png` });
    // Back to cluster-autoscaler: the Karpenter block goes, the pool runs as before.
    await select.selectOption('clusterAutoscaler');
    await runAndWait(page);
    await expect.poll(() => tableText(page)).toEqual(before);
    expect(errors).toEqual([]);
    await page.close();
  });
});
