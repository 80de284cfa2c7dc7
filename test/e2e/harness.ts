import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../..');
export const RESULTS_DIR = resolve(ROOT, 'test-results');

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

export interface Preview {
  url: string;
  stop: () => Promise<void>;
}

/** Serves the built app (dist/) with `vite preview` on a free port; resolves once it answers. */
export async function startPreview(): Promise<Preview> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [resolve(ROOT, 'node_modules/vite/bin/vite.js'), 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited early:\n${log}`);
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`vite preview did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

export function launchChromium(): Promise<Browser> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Installed before the app loads: records long tasks (>= 50 ms on the main thread) and the
 * largest gap between animation frames, so a test can read the worst main-thread stall.
 */
export const MAIN_THREAD_PROBE = `
  window.__probe = { longTasks: [], frameGaps: [] };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__probe.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { window.__probe.error = String(e); }
  let last = performance.now();
  const tick = (now) => { window.__probe.frameGaps.push({ at: now, gap: now - last }); last = now; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
`;

/** Waits for the app's run status (`idle`, `running`, `done`, `cancelled`, ...). */
export async function waitForStatus(page: Page, status: string, timeout = 60_000): Promise<void> {
  await page.waitForSelector(`.app[data-status="${status}"]`, { timeout });
}

/**
 * Clicks "Run simulation" and waits until this run's results are on screen. Waiting for the status
 * "done" alone is not enough: it is "done" before the click too (the previous run), and a test that
 * read the table then could read the previous scenario's results (seen once in CI: the headline's
 * table taken for an imported trace's). The app marks `spillway:run-end` each time a result is fully
 * shown, so the wait is for one more of those marks than before the click.
 */
export async function runAndWait(page: Page, timeout = 60_000): Promise<void> {
  const shown = await page.evaluate(() => performance.getEntriesByName('spillway:run-end').length);
  await page.getByRole('button', { name: /run simulation/i }).click();
  await page.waitForFunction((before) => performance.getEntriesByName('spillway:run-end').length > before, shown, { timeout });
  await waitForStatus(page, 'done', timeout);
}

/** The comparison table as text, row by row (the numbers a person reads). */
export async function tableText(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid=comparison-table] tbody tr', (rows) => rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
}

/**
 * Starts a preview server of the built app and Chromium before a test file's tests and stops them
 * after; the returned object's fields are set once `beforeAll` has run.
 */
export function useAppServer(): { readonly preview: Preview; readonly browser: Browser } {
  const env = {} as { preview: Preview; browser: Browser };
  beforeAll(async () => {
    env.preview = await startPreview();
    env.browser = await launchChromium();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.preview?.stop();
  });
  return env;
}

/** A duration as the app prints it ("1 min 38 s", "1m 50s", "2 h 5 min", "1,204 s") in seconds. */
export function durationSeconds(text: string): number {
  let s = 0;
  for (const [, n, unit] of text.matchAll(/([\d.,]+)\s*(h|min|m|s)\b/g)) s += Number(n.replace(/,/g, '')) * (unit === 'h' ? 3600 : unit === 'min' || unit === 'm' ? 60 : 1);
  return s;
}
