import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, ROOT, tableText, waitForStatus } from './harness.ts';

/**
 * The built app (dist/) served by a plain static file server under a sub-path, as GitHub Pages
 * serves a project site: nothing outside the sub-path exists, so any absolute /assets/ URL fails.
 */
const SUB = '/tools/spillway/';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.wasm': 'application/wasm', '.png': 'image/png', '.txt': 'text/plain' };
const dist = resolve(ROOT, 'dist');

let server: Server;
let base: string;
let browser: Browser;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    if (!path.startsWith(SUB)) return void res.writeHead(404).end('not found');
    const file = normalize(join(dist, path.slice(SUB.length) || 'index.html'));
    if (!file.startsWith(dist)) return void res.writeHead(403).end();
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
    } catch {
      return void res.writeHead(404).end('not found');
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => server?.close(ok));
});

describe('static hosting', () => {
  it('runs the headline scenario from a sub-path of a plain file server, under its Content-Security-Policy', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${base}${SUB}`);
    await waitForStatus(page, 'done');
    const rows = await tableText(page);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('ACK + cluster-autoscaler');
    expect(rows.join(' ')).toMatch(/\$\d/);

    // Every file came from under the sub-path, the simulation worker too.
    expect(requests.filter((p) => !p.startsWith(SUB))).toEqual([]);
    const workers = page.workers().map((w) => w.url());
    expect(workers.some((u) => u.includes('simulation'))).toBe(true);
    for (const u of workers) expect(u.startsWith(`${base}${SUB}`), u).toBe(true);

    // Nothing the app does was blocked by its policy...
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(problems).toEqual([]);
    // ...and the policy is in the page and enforced: an inline script does not run.
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("script-src 'self'");
    const inline = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.append(s);
      await new Promise((r) => setTimeout(r, 100));
      return { ran: '__inlineRan' in window, violations: (window as unknown as { __csp: string[] }).__csp };
    });
    expect(inline.ran).toBe(false);
    expect(inline.violations).toEqual(['script-src-elem inline']);
    await page.close();
  });
});
