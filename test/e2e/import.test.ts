import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MAIN_THREAD_PROBE, RESULTS_DIR, ROOT, tableText, runAndWait, useAppServer, waitForStatus } from './harness.ts';
import { makeWorkload } from '../../bench/measure.ts';
import { writeCanonicalCsv } from '../../bench/csv.ts';

/** Vite preview of the built app and Chromium, shared by this file's tests. */
const env = useAppServer();

const FIXTURES = resolve(ROOT, 'test/fixtures/e2e');
/** The bench's 1M-pod week as canonical CSV (arrival_s,duration_s,cpu_m,mem_mib,class), made once. */
const MILLION = resolve(tmpdir(), 'spillway-bench-1m.csv');

async function openApp(width: number, height: number): Promise<Page & { errors: string[] }> {
  const page = (await env.browser.newPage({ viewport: { width, height } })) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.addInitScript(MAIN_THREAD_PROBE);
  await page.goto(env.preview.url);
  await waitForStatus(page, 'done');
  await page.waitForSelector('[data-testid=comparison-table]');
  return page;
}

async function waitForStage(page: Page, stage: string, timeout = 30_000): Promise<void> {
  await page.waitForSelector(`dialog.import-dialog[data-stage="${stage}"]`, { timeout, state: 'attached' });
}

/** Pods in the last run, from "Simulated 48,000 pods in 1.2 s." */
async function simulatedPods(page: Page): Promise<number> {
  const text = await page.getByTestId('run-status').innerText();
  const m = /Simulated ([\d,]+) pods/.exec(text);
  if (!m) throw new Error(`no pod count in "${text}"`);
  return Number(m[1].replace(/,/g, ''));
}

async function stat(page: Page, id: string): Promise<string> {
  return (await page.getByTestId(`import-${id}`).innerText()).replace(/\s+/g, ' ').trim();
}

/** Imports the small fixture (skipping its rejected row), runs, and copies the link: the table and the link. */
async function importSmallPodsAndLink(page: Page): Promise<{ table: string[]; url: string }> {
  await page.setInputFiles('#import-trace-file', resolve(FIXTURES, 'small-pods.csv'));
  await waitForStage(page, 'mapping');
  const dialog = page.locator('dialog.import-dialog');
  await dialog.getByRole('button', { name: /^Import / }).click();
  await waitForStage(page, 'preview');
  await dialog.getByRole('button', { name: 'Skip 1 rejected row and use the trace' }).click();
  await waitForStage(page, 'closed');
  await runAndWait(page);
  const table = await tableText(page);
  await page.getByTestId('copy-link').click();
  const link = await page.getByTestId('link-fallback').inputValue({ timeout: 2000 }).catch(() => '');
  const url = link || (await page.evaluate(() => window.location.href));
  expect(url).toContain('#s1.');
  return { table, url };
}

describe('CSV trace import in Chromium', () => {
  it('imports a CSV by file chooser: detected mapping, preview with the rejected row, accept, run', async () => {
    const page = await openApp(1280, 800);
    const podsBefore = await simulatedPods(page);
    const tableBefore = await tableText(page);

    // The file input is real and labelled.
    expect(await page.getByLabel('Import trace…').getAttribute('type')).toBe('file');
    await page.setInputFiles('#import-trace-file', resolve(FIXTURES, 'small-pods.csv'));
    await waitForStage(page, 'mapping');
    const dialog = page.locator('dialog.import-dialog');
    expect(await dialog.locator('#detected-heading').innerText()).toMatch(/Pod list/);
    expect(await dialog.innerText()).toContain('memory: "memory_gib" in GiB');
    expect(await page.inputValue('#imp-startColumn')).toBe('start_time');
    expect(await page.inputValue('#imp-endMode')).toBe('end');
    expect(await page.inputValue('#imp-cpuUnit')).toBe('cores');
    expect(await page.inputValue('#imp-classColumn')).toBe('qos');
    expect(await page.inputValue('#imp-name')).toBe('small-pods');
    await page.screenshot({ path: `${RESULTS_DIR}/import-mapping-1280x800.png` });

    await dialog.getByRole('button', { name: /^Import / }).click();
    await waitForStage(page, 'preview');
    // Expected numbers worked out by hand in test/fixtures/e2e/README.md.
    expect(await stat(page, 'accepted')).toMatch(/^Rows accepted 5 of 6$/);
    expect(await stat(page, 'rejected')).toMatch(/^Rows rejected 1$/);
    expect(await stat(page, 'censored')).toBe('Censored: at start / at end 1 / 1');
    expect(await stat(page, 'span')).toBe('Time span 2 h');
    expect(await stat(page, 'pod-hours')).toBe('Pod-hours 5.3');
    expect(await stat(page, 'peak')).toBe('Peak concurrency 4 pods, at 20 min');
    const drops = (await page.getByTestId('import-rejections').innerText()).replace(/\s+/g, ' ');
    expect(drops).toContain('1 row: start time not a number');
    expect(drops).toContain('line 5 oops,soon,3000,1,1,BE');
    expect(await dialog.locator('.concurrency-chart svg path.area').count()).toBe(1);
    await page.screenshot({ path: `${RESULTS_DIR}/import-preview-1280x800.png` });

    // "Back to mapping" keeps the form; then accept.
    await dialog.getByRole('button', { name: 'Back to mapping' }).click();
    await waitForStage(page, 'mapping');
    expect(await page.inputValue('#imp-startColumn')).toBe('start_time');
    await dialog.getByRole('button', { name: /^Import / }).click();
    await waitForStage(page, 'preview');
    await dialog.getByRole('button', { name: 'Skip 1 rejected row and use the trace' }).click();
    await waitForStage(page, 'closed');

    const card = page.locator('[data-testid^=trace-source-]');
    await card.waitFor();
    expect((await card.innerText()).replace(/\s+/g, ' ')).toMatch(/5 pods · imported from small-pods\.csv/);
    expect(await card.getByLabel('Replace file…').getAttribute('type')).toBe('file');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS_DIR}/import-card-1280x800.png` });

    // The mapping and the fingerprint are saved in the scenario.
    await page.getByRole('button', { name: 'Advanced: JSON' }).click();
    const json = JSON.parse(await page.inputValue('.json-view textarea, textarea')) as { workload: Record<string, unknown>[] };
    const source = json.workload.find((w) => w.name === 'small-pods')!;
    expect(source).toMatchObject({ type: 'trace', mapping: { kind: 'pods', start: { column: 'start_time' } }, fingerprint: { rows: 6 } });
    expect(String((source.fingerprint as { sha256: string }).sha256)).toMatch(/^[0-9a-f]{64}$/);
    await page.getByRole('button', { name: 'Form' }).click();

    await runAndWait(page);
    // Replace is the default: the trace is now the whole workload.
    expect(podsBefore).toBeGreaterThan(5);
    await expect.poll(() => simulatedPods(page)).toBe(5);
    expect(await tableText(page)).not.toEqual(tableBefore);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('opens a link to a scenario with an imported trace: asks for the file, checks it, same results', async () => {
    const page = await openApp(1280, 800);
    const { table, url } = await importSmallPodsAndLink(page);

    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const fresh = await context.newPage();
    await fresh.goto(url);
    await fresh.getByTestId('trace-prompt').waitFor();
    // Another file is refused with a message naming it; the right one opens the scenario.
    await fresh.setInputFiles('[data-testid=trace-prompt] input[type=file]', { name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from('start_time,end_time,cpu,memory_gib,qos\n0,60,1,1,LS\n') });
    await expect.poll(async () => (await fresh.getByTestId('trace-prompt').innerText()).replace(/\s+/g, ' ')).toMatch(/other\.csv/);
    await fresh.setInputFiles('[data-testid=trace-prompt] input[type=file]', resolve(FIXTURES, 'small-pods.csv'));
    await fresh.waitForSelector('.app[data-status="done"]', { timeout: 60_000 });
    await expect.poll(() => tableText(fresh)).toEqual(table);
    await context.close();
    await page.close();
  });

  it('keeps an imported trace across a reload: the link reopens without asking for the file, same results', async () => {
    const page = await openApp(1280, 800);
    const { table, url } = await importSmallPodsAndLink(page);
    const pods = await simulatedPods(page);

    // Saved in IndexedDB once the page is idle (by a worker); then the same browser profile loads
    // the page again from scratch and the trace comes back from there.
    const savedTraces = () =>
      page.evaluate(
        () =>
          new Promise<number>((done) => {
            const req = indexedDB.open('spillway'); // the app's current version
            req.onsuccess = () => {
              if (!req.result.objectStoreNames.contains('traces')) return (req.result.close(), done(0)); // nothing saved yet
              const count = req.result.transaction('traces', 'readonly').objectStore('traces').count();
              count.onsuccess = () => (req.result.close(), done(count.result));
            };
            req.onerror = () => done(-1);
          }),
      );
    await expect.poll(savedTraces, { timeout: 10_000 }).toBe(1);
    await page.goto('about:blank');
    await page.goto(url);
    await page.waitForSelector('.app[data-status="done"]', { timeout: 60_000 });
    expect(await page.getByTestId('trace-prompt').count()).toBe(0);
    expect(await page.getByTestId('link-banner').innerText()).toMatch(/imported earlier in this browser/);
    await expect.poll(() => tableText(page)).toEqual(table);
    expect(await simulatedPods(page)).toBe(pods);

    // Forget: the browser's copy is deleted (this visit keeps the trace); the next load asks for the file.
    await page.getByTestId('trace-kept').screenshot({ path: `${RESULTS_DIR}/trace-kept.png` });
    await page.getByTestId('trace-kept').getByRole('button', { name: 'Forget' }).click();
    expect(await page.getByTestId('trace-forget-note').innerText()).toMatch(/^Forgotten/);
    expect(await page.getByTestId('trace-kept').count()).toBe(0);
    expect(await savedTraces()).toBe(0);
    await page.goto('about:blank');
    await page.goto(url);
    await page.getByTestId('trace-prompt').waitFor({ timeout: 30_000 });
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('shows a bad file\'s message naming the file and keeps what the user typed', async () => {
    const page = await openApp(1280, 800);
    await page.setInputFiles('#import-trace-file', { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
    await waitForStage(page, 'error');
    expect(await page.getByTestId('import-error').innerText()).toBe('empty.csv: the file is empty');
    await page.locator('dialog.import-dialog').getByRole('button', { name: 'Close', exact: true }).click();
    await waitForStage(page, 'closed');

    await page.setInputFiles('#import-trace-file', { name: 'garbage.csv', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2, 3, 255, 0, 7, 8, 0, 0, 12, 200, 13, 10]) });
    await waitForStage(page, 'error');
    expect(await page.getByTestId('import-error').innerText()).toMatch(/^garbage\.csv: /);
    await page.locator('dialog.import-dialog').getByRole('button', { name: 'Close', exact: true }).click();

    await page.setInputFiles('#import-trace-file', resolve(FIXTURES, 'header-only.csv'));
    await waitForStage(page, 'mapping');
    await page.fill('#imp-name', 'my nightly jobs');
    await page.selectOption('#imp-cpuUnit', 'cores');
    await page.locator('dialog.import-dialog').getByRole('button', { name: /^Import / }).click();
    await waitForStage(page, 'error');
    expect(await page.getByTestId('import-error').innerText()).toBe('header-only.csv: the file has a header row but no data rows');
    expect(await page.inputValue('#imp-name')).toBe('my nightly jobs');
    expect(await page.inputValue('#imp-cpuUnit')).toBe('cores');
    await page.screenshot({ path: `${RESULTS_DIR}/import-error-1280x800.png` });

    // A field the form cannot accept is flagged next to it, not sent to the importer.
    await page.selectOption('#imp-startColumn', '');
    await page.locator('dialog.import-dialog').getByRole('button', { name: /^Import / }).click();
    expect(await page.locator('#imp-startColumn-error').innerText()).toMatch(/start column/);
    await page.locator('dialog.import-dialog').getByRole('button', { name: 'Close', exact: true }).click();
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('runs the openb built-in in the browser from its shipped CSV, with the attribution', async () => {
    const page = await openApp(1280, 800);
    await page.selectOption('#builtin-scenario', 'alibaba-openb-replay');
    await page.waitForSelector('.app[data-status="running"]');
    await waitForStatus(page, 'done', 120_000);
    expect(await simulatedPods(page)).toBe(1536);
    const card = page.getByTestId('trace-source-0');
    await expect.poll(() => card.getByTestId('trace-rows').innerText()).toBe('1,536 pods');
    expect(await card.getByTestId('trace-attribution').innerText()).toMatch(/Weng et al\., "Beware of Fragmentation.*USENIX ATC '23/);
    expect((await tableText(page)).length).toBe(3);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS_DIR}/import-openb-1280x800.png` });
    // A sweep of a trace scenario hands the trace to the sweep workers too.
    await page.locator('[data-testid=sweep]').scrollIntoViewIfNeeded();
    await page.fill('#sweep-1-path', 'strategies.1.serverless.pricePerVcpuHour');
    await page.fill('#sweep-1-from', '0.02');
    await page.fill('#sweep-1-to', '0.04');
    await page.fill('#sweep-1-steps', '2');
    await page.getByTestId('run-sweep').click();
    await page.waitForSelector('[data-sweep-status=done]', { timeout: 120_000 });
    expect(await page.locator('[data-testid=sweep-table] tbody tr').count()).toBe(2);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('fits a 390 px phone: dialog and preview without horizontal scrolling', async () => {
    const page = await openApp(390, 844);
    await page.setInputFiles('#import-trace-file', resolve(FIXTURES, 'small-pods.csv'));
    await waitForStage(page, 'mapping');
    await page.screenshot({ path: `${RESULTS_DIR}/import-mapping-390x844.png` });
    const dialogOverflow = () => page.$eval('dialog.import-dialog', (d) => d.scrollWidth - d.clientWidth);
    expect(await dialogOverflow()).toBeLessThanOrEqual(0);
    await page.locator('dialog.import-dialog').getByRole('button', { name: /^Import / }).click();
    await waitForStage(page, 'preview');
    expect(await dialogOverflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${RESULTS_DIR}/import-preview-390x844.png` });
    await page.locator('dialog.import-dialog').getByRole('button', { name: /use the trace/ }).click();
    await waitForStage(page, 'closed');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.locator('[data-testid^=trace-source-]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS_DIR}/import-card-390x844.png` });
    await page.close();
  });

  it('imports 1,000,000 rows in a worker with progress and Cancel, keeping the main thread free', async () => {
    if (!existsSync(MILLION)) {
      // The project's own generators (bench/scenario.ts), so the test needs nothing from outside.
      writeFileSync(`${MILLION}.tmp`, writeCanonicalCsv(makeWorkload(1_000_000).pods));
      renameSync(`${MILLION}.tmp`, MILLION);
    }
    const bytes = statSync(MILLION).size;
    const page = await openApp(1280, 800);

    // Cancel part-way: the worker is terminated, the dialog goes back to the mapping.
    await page.setInputFiles('#import-trace-file', MILLION);
    await waitForStage(page, 'mapping');
    await page.locator('dialog.import-dialog').getByRole('button', { name: /^Import / }).click();
    await waitForStage(page, 'importing');
    await page.waitForFunction(() => ((document.querySelector('[data-testid=import-progress] progress') as HTMLProgressElement | null)?.value ?? 0) > 0);
    await page.screenshot({ path: `${RESULTS_DIR}/import-progress-1280x800.png` });
    await page.locator('dialog.import-dialog').getByRole('button', { name: 'Cancel import' }).click();
    await waitForStage(page, 'mapping', 5_000);
    expect(await page.getByRole('status').filter({ hasText: 'Import cancelled' }).count()).toBe(1);
    await page.waitForTimeout(300);
    expect(await page.getAttribute('dialog.import-dialog', 'data-stage')).toBe('mapping');

    // The whole import, measured from the button to the preview on screen.
    await page.locator('dialog.import-dialog').getByRole('button', { name: /^Import / }).click();
    await waitForStage(page, 'preview', 120_000);
    await page.waitForTimeout(300);
    const probe = await page.evaluate(() => {
      const start = performance.getEntriesByName('spillway:import-start').at(-1)!.startTime;
      const end = performance.getEntriesByName('spillway:import-end').at(-1)!.startTime;
      const w = window as unknown as { __probe: { longTasks: { start: number; duration: number }[]; frameGaps: { at: number; gap: number }[] } };
      const during = (at: number) => at >= start && at <= end + 250;
      return {
        importMs: end - start,
        longTasks: w.__probe.longTasks.filter((t) => during(t.start)).map((t) => Math.round(t.duration)),
        maxFrameGap: Math.max(0, ...w.__probe.frameGaps.filter((g) => during(g.at)).map((g) => g.gap)),
      };
    });
    const longest = Math.max(0, ...probe.longTasks);
    console.log(
      `1M-row import (${(bytes / 1048576).toFixed(1)} MB): ${(probe.importMs / 1000).toFixed(2)} s; long tasks ${JSON.stringify(probe.longTasks)}; longest ${longest} ms; max rAF gap ${probe.maxFrameGap.toFixed(0)} ms`,
    );
    // The generators give about a million pods (1,002,962 for this seed); count the rows.
    const rows = readFileSync(MILLION).reduce((n, byte) => n + (byte === 10 ? 1 : 0), 0) - 1;
    const shown = rows.toLocaleString('en-US');
    expect(await stat(page, 'accepted')).toBe(`Rows accepted ${shown} of ${shown}`);
    expect(await stat(page, 'rejected')).toBe('Rows rejected 0');
    await page.screenshot({ path: `${RESULTS_DIR}/import-1m-preview-1280x800.png` });
    // Generous: a long task is >= 50 ms; the import itself runs off the main thread.
    expect(longest).toBeLessThan(200);
    await page.close();
  });
});
