import { describe, expect, it } from 'vitest';
import { encodePayload } from '../../src/share/index.ts';
import { useAppServer, waitForStatus } from './harness.ts';

/** Vite preview of the built app and Chromium. */
const env = useAppServer();

describe('work limit in the app (issue 18 item 6)', () => {
  it('refuses a link whose workload is too big, with a visible message, instead of growing the tab', async () => {
    // 1,000,000 pods in each of 48 sessions a day for 7 days: 336 million pods (a link with 310M
    // grew the tab to 10.5 GB). The page must say so at once and make no pod.
    const starts = Array.from({ length: 48 }, (_, i) => i * 1800);
    const fragment = await encodePayload(
      JSON.stringify({
        schemaVersion: 1,
        name: 'too big',
        horizon: '7d',
        workload: [{ type: 'burst', name: 'b', sessionStarts: starts, podsPerSession: 1_000_000, pod: { cpuMillicores: 100, memoryMiB: 128 } }],
        strategies: [{ kind: 'serverless', name: 'fargate', serverless: { preset: 'aws-fargate' } }],
      }),
    );
    const page = await env.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.preview.url + fragment);
    await waitForStatus(page, 'error', 15_000);
    const status = await page.getByTestId('run-status').innerText();
    expect(status).toContain('not run, the workload is too big for this page: about 336,000,000 pods x 1 strategy = 336,000,000 pod replays, more than the limit of 20,000,000');
    // The scenario stays in the editor to be made smaller.
    expect(await page.locator('#builtin-scenario').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
