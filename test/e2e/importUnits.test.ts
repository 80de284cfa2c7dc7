import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { RESULTS_DIR, ROOT, tableText, runAndWait, useAppServer, waitForStatus } from './harness.ts';

/** Vite preview of the built app and Chromium, shared by this file's tests. */
const env = useAppServer();

/** Hand-written: CPU in whole cores, memory in GiB with decimals, no unit in any column name. */
const CORES_GIB = resolve(ROOT, 'test/fixtures/trace/cores-gib-pods.csv');

async function waitForStage(page: Page, stage: string, timeout = 30_000): Promise<void> {
  await page.waitForSelector(`dialog.import-dialog[data-stage="${stage}"]`, { timeout, state: 'attached' });
}

/** The ECI-only strategy's total cost in dollars, from its row of the comparison table. */
async function eciCost(page: Page): Promise<number> {
  const rows = await tableText(page);
  const row = rows.find((r) => r.startsWith('ECI only'));
  if (!row) throw new Error(`no ECI row in ${JSON.stringify(rows)}`);
  const m = /\$([\d,]+(?:\.\d+)?)/.exec(row);
  if (!m) throw new Error(`no cost in "${row}"`);
  return Number(m[1].replace(/,/g, ''));
}

async function run(page: Page): Promise<void> {
  await runAndWait(page);
}

/** Imports the fixture under the same source name each time; `units` overrides the detected units. */
async function importCoresGib(page: Page, units?: { cpu: string; memory: string }): Promise<string> {
  await page.setInputFiles('#import-trace-file', CORES_GIB);
  await waitForStage(page, 'mapping');
  const dialog = page.locator('dialog.import-dialog');
  if (units) {
    await page.selectOption('#imp-cpuUnit', units.cpu);
    await page.selectOption('#imp-memoryUnit', units.memory);
  }
  await dialog.getByRole('button', { name: /^Import / }).click();
  await waitForStage(page, 'preview');
  const lines = (await page.getByTestId('import-mapping-lines').innerText()).replace(/\s+/g, ' ');
  if (!units) {
    // Every pod's request, read after the import (the unit guess saw only the first rows). By hand
    // from the fixture: CPU 2..48 cores, median (12 + 16) / 2 = 14; memory 8..120 GiB, median (48 + 64) / 2 = 56.
    expect((await page.getByTestId('import-request-range').innerText()).replace(/\s+/g, ' ')).toBe('CPU per pod 2 to 48 cores median 14 cores, over every pod');
    expect((await page.getByTestId('import-memory-range').innerText()).replace(/\s+/g, ' ')).toBe('Memory per pod 8 to 120 GiB median 56 GiB, over every pod');
  }
  await dialog.getByRole('button', { name: 'Use the trace' }).click();
  await waitForStage(page, 'closed');
  return lines;
}

describe('a cores / GiB pod list in Chromium', () => {
  it('shows the cores / GiB mapping with reasons, and the results cost cores, not millicores', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.preview.url);
    await waitForStatus(page, 'done');
    await page.waitForSelector('[data-testid=comparison-table]');

    await page.setInputFiles('#import-trace-file', CORES_GIB);
    await waitForStage(page, 'mapping');
    const dialog = page.locator('dialog.import-dialog');
    const notes = (await dialog.locator('.detection-notes').innerText()).replace(/\s+/g, ' ');
    expect(notes).toMatch(/CPU: "cpu_request" in cores \(the first 8 values \(2 to 48\): .*; high confidence\)/);
    expect(notes).toMatch(/memory: "memory_request" in GiB \(the first 8 values \(8 to 120\): .*; high confidence\)/);
    expect(await page.inputValue('#imp-cpuUnit')).toBe('cores');
    expect(await page.inputValue('#imp-memoryUnit')).toBe('GiB');
    await page.screenshot({ path: `${RESULTS_DIR}/import-cores-gib-mapping.png` });
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await waitForStage(page, 'closed');

    const lines = await importCoresGib(page);
    expect(lines).toContain('CPU: "cpu_request" in cores');
    expect(lines).toContain('memory: "memory_request" in GiB');
    await run(page);
    const withCores = await eciCost(page);

    // The same file with the units overridden to millicores / MiB (a wrong reading): the source is replaced.
    const milliLines = await importCoresGib(page, { cpu: 'millicores', memory: 'MiB' });
    expect(milliLines).toContain('CPU: "cpu_request" in millicores');
    await run(page);
    const withMillicores = await eciCost(page);

    // By hand (test/fixtures/trace/README.md): 334.67 core-hours and 1,050.67 GiB-hours requested.
    // At ECI's $0.02772 per vCPU-hour and $0.003456 per GiB-hour that is at least
    // 334.67 x 0.02772 + 1050.67 x 0.003456 = $12.91 (rounding up to ECI sizes and billing the
    // image pull only add). Read as millicores / MiB every pod rounds to the smallest size,
    // 0.25 vCPU / 0.5 GiB: 13.58 pod-hours x (0.25 x 0.02772 + 0.5 x 0.003456) = $0.12.
    // An import replaces the workload by default and ECI only has no fixed cost, so its total is
    // the trace's cost alone.
    expect(withCores).toBeGreaterThanOrEqual(12.9);
    expect(withCores).toBeLessThan(12.91 * 2);
    expect(withMillicores).toBeLessThan(1);

    // The override is remembered with the trace: the scenario's source keeps the mapping as set.
    await page.getByRole('button', { name: 'Advanced: JSON' }).click();
    const json = JSON.parse(await page.inputValue('.json-view textarea, textarea')) as { workload: Record<string, unknown>[] };
    const source = json.workload.find((w) => w.name === 'cores-gib-pods')!;
    expect(source).toMatchObject({ type: 'trace', mapping: { cpu: { column: 'cpu_request', unit: 'millicores' }, memory: { column: 'memory_request', unit: 'MiB' } } });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('asks which unit an ambiguous column is in, and the import waits for the answer', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(env.preview.url);
    await waitForStatus(page, 'done');
    await page.setInputFiles('#import-trace-file', { name: 'mixed.csv', mimeType: 'text/csv', buffer: Buffer.from('start,duration,cpu,memory\n0,600,2,1024\n60,600,2000,2048\n') });
    await waitForStage(page, 'mapping');
    const dialog = page.locator('dialog.import-dialog');
    const importButton = dialog.getByRole('button', { name: /^Import / });
    expect(await importButton.isDisabled()).toBe(true);
    expect(await page.inputValue('#imp-cpuUnit')).toBe('');
    const question = (await page.getByTestId('question-cpuUnit').innerText()).replace(/\s+/g, ' ');
    expect(question).toMatch(/Which unit is "cpu" in\? the first \d+ values \(2 to 2000\) fit no single unit/);
    await page.screenshot({ path: `${RESULTS_DIR}/import-unit-question.png` });
    await page.selectOption('#imp-cpuUnit', 'millicores');
    expect(await importButton.isDisabled()).toBe(false);
    await importButton.click();
    await waitForStage(page, 'preview');
    // 2 and 2000 millicores: the median pod (2000m) is fine, so no unit warning; the mapping says millicores.
    expect((await page.getByTestId('import-mapping-lines').innerText()).replace(/\s+/g, ' ')).toContain('CPU: "cpu" in millicores');
    await page.close();
  });
});
