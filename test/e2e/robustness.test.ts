import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { encodePayload } from '../../src/share/index.ts';
import { RESULTS_DIR, ROOT, tableText, useAppServer, waitForStatus } from './harness.ts';

/**
 * The app never goes blank and never loses what the user entered: wrong-shaped values in the JSON
 * view, saved scenarios of any shape, JSON with a syntax error, a component that fails to render,
 * and a reload in the middle of all that.
 */
const env = useAppServer();

type ErrPage = Page & { errors: string[] };

async function openApp(url = env.preview.url, init?: () => void): Promise<ErrPage> {
  const page = (await env.browser.newPage({ viewport: { width: 1280, height: 900 } })) as ErrPage;
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  if (init) await page.addInitScript(init);
  await page.goto(url);
  await waitForStatus(page, 'done');
  return page;
}

async function jsonView(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Advanced: JSON' }).click();
  await page.waitForSelector('#scenario-json');
}

/** Replaces the JSON view's text (as typing would: one input event with the whole text). */
async function typeJson(page: Page, text: string): Promise<void> {
  await page.fill('#scenario-json', text);
}

async function currentJson(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse(await page.inputValue('#scenario-json')) as Record<string, unknown>;
}

const WRONG_SHAPES: [string, (doc: Record<string, unknown>) => void, RegExp][] = [
  ['"workload": "x"', (d) => (d.workload = 'x'), /workload/],
  ['"strategies": {}', (d) => (d.strategies = {}), /strategies/],
  ['"instanceTypes": 5', (d) => (((d.strategies as Record<string, Record<string, unknown>>[])[0].nodePool as Record<string, unknown>).instanceTypes = 5), /instanceTypes/],
];

describe('never blank, never lose the draft', () => {
  for (const [label, mutate, pathRe] of WRONG_SHAPES) {
    it(`JSON view with ${label}: field errors in both views, and a reload keeps the draft`, async () => {
      const page = await openApp();
      await jsonView(page);
      const doc = await currentJson(page);
      mutate(doc);
      doc.name = 'Wrong shape kept';
      await typeJson(page, JSON.stringify(doc, null, 2));
      // The JSON view shows the schema problems; nothing went blank.
      await expect.poll(() => page.locator('.issue-summary').innerText()).toMatch(pathRe);
      await page.getByRole('button', { name: 'Form' }).click();
      await page.waitForSelector('#f-name');
      expect(await page.inputValue('#f-name')).toBe('Wrong shape kept');
      expect(await page.locator('.issue-summary').innerText()).toMatch(pathRe);
      expect(await page.locator('.editor .field-error').count()).toBeGreaterThan(0);
      // The last results stay on screen.
      expect(await tableText(page)).toHaveLength(3);
      expect(page.errors).toEqual([]);
      if (label.includes('instanceTypes')) await page.screenshot({ path: `${RESULTS_DIR}/wrong-shape-form-1280x900.png` });

      // The address bar follows the invalid draft: a reload opens it as it was, not the default.
      await page.waitForTimeout(800);
      await page.reload();
      await page.waitForSelector('#f-name');
      await expect.poll(() => page.inputValue('#f-name')).toBe('Wrong shape kept');
      await jsonView(page);
      expect(await currentJson(page)).toEqual(doc);
      expect(await page.getAttribute('.app', 'data-status')).toBe('invalid');
      expect(page.errors).toEqual([]);
      await page.close();
    });
  }

  it('opens a saved scenario of a wrong shape from localStorage without going blank', async () => {
    const page = await openApp(env.preview.url, () => {
      if (localStorage.getItem('spillway.savedScenarios.v1')) return;
      localStorage.setItem(
        'spillway.savedScenarios.v1',
        JSON.stringify({
          version: 1,
          scenarios: [{ id: 'bad', name: 'Broken one', savedAt: '2026-01-01T00:00:00Z', doc: { name: 'Broken one', workload: 'x', strategies: { a: 1 } } }],
        }),
      );
    });
    await page.getByRole('button', { name: 'Open Broken one' }).click();
    await expect.poll(() => page.locator('.issue-summary').innerText()).toMatch(/workload/);
    expect(await page.inputValue('#f-name')).toBe('Broken one');
    expect(await page.getAttribute('.app', 'data-status')).toBe('invalid');
    expect(page.errors).toEqual([]);
    await page.waitForTimeout(800);
    await page.reload();
    await expect.poll(() => page.locator('#f-name').inputValue()).toBe('Broken one');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('keeps JSON with a syntax error when switching back to the form', async () => {
    const page = await openApp();
    await jsonView(page);
    const text = (await page.inputValue('#scenario-json')).replace('"name": "', '"name": "Edited, ').replace(/\}\s*$/, '');
    await typeJson(page, text);
    await page.locator('#scenario-json-error').waitFor();
    await page.getByRole('button', { name: 'Form' }).click();
    // Nothing typed is thrown away: still on the JSON view with the text and a message saying why.
    expect(await page.inputValue('#scenario-json')).toBe(text);
    expect(await page.locator('#scenario-json-error').innerText()).toMatch(/line \d+/);
    expect(await page.getByRole('alert').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/not valid JSON|syntax/i)]));
    await page.screenshot({ path: `${RESULTS_DIR}/json-syntax-error-1280x900.png` });
    // A reload brings the text back too (it is not in the draft, so it is kept in the tab's session).
    await page.reload();
    await waitForStatus(page, 'done');
    await page.waitForSelector('#scenario-json');
    expect(await page.inputValue('#scenario-json')).toBe(text);
    expect(await page.locator('#scenario-json-error').innerText()).toMatch(/line \d+/);
    // Fixing it applies the edit and the form opens with it.
    await typeJson(page, text + '}');
    await page.getByRole('button', { name: 'Form' }).click();
    await page.waitForSelector('#f-name');
    expect(await page.inputValue('#f-name')).toMatch(/^Edited, /);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('a part of the page that fails to render shows the error and a way back; the draft is kept', async () => {
    const page = await openApp();
    await page.fill('#f-name', 'Kept through a crash');
    // Make number formatting throw, so the results fail to render on the next run.
    await page.evaluate(() => {
      const w = window as unknown as { __orig: unknown };
      w.__orig = Number.prototype.toLocaleString;
      Number.prototype.toLocaleString = () => {
        throw new Error('injected render failure');
      };
    });
    await page.getByRole('button', { name: /run simulation/i }).click();
    await waitForStatus(page, 'done');
    const fallback = page.getByTestId('render-error');
    await fallback.first().waitFor();
    expect(await fallback.first().innerText()).toMatch(/injected render failure/);
    await page.screenshot({ path: `${RESULTS_DIR}/render-error-1280x900.png` });
    // The editor and the draft are still there.
    expect(await page.inputValue('#f-name')).toBe('Kept through a crash');
    await page.evaluate(() => {
      Number.prototype.toLocaleString = (window as unknown as { __orig: () => string }).__orig;
    });
    // Each failed part has its own "Try again" (the results and the run status line both format numbers).
    while ((await page.getByRole('button', { name: 'Try again' }).count()) > 0) await page.getByRole('button', { name: 'Try again' }).first().click();
    await page.waitForSelector('[data-testid=comparison-table]');
    expect(await tableText(page)).toHaveLength(3);
    expect(await page.getByTestId('render-error').count()).toBe(0);
    await page.close();
  });
});

describe('browser storage that never answers', () => {
  const headline = JSON.parse(readFileSync(`${ROOT}/scenarios/online-class-evening-burst.json`, 'utf8')) as Record<string, unknown>;
  /** IndexedDB whose open() request never fires an event. */
  const silentStorage = () => {
    IDBFactory.prototype.open = function () {
      return {} as IDBOpenDBRequest;
    };
  };

  it('a link without traces opens and runs at once', async () => {
    const fragment = await encodePayload(JSON.stringify({ ...headline, name: 'Linked, storage silent' }));
    const page = await openApp(env.preview.url + fragment, silentStorage);
    expect(await page.inputValue('#f-name')).toBe('Linked, storage silent');
    expect(await tableText(page)).toHaveLength(3);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('a link that needs an imported trace asks for the file within seconds and says the storage did not answer', async () => {
    const doc = { ...headline, workload: [{ type: 'trace', name: 'pods', fingerprint: { rows: 10, sha256: 'ab'.repeat(32) } }] };
    const fragment = await encodePayload(JSON.stringify(doc));
    const page = (await env.browser.newPage({ viewport: { width: 1280, height: 900 } })) as ErrPage;
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(e.message));
    await page.addInitScript(silentStorage);
    const t0 = Date.now();
    await page.goto(env.preview.url + fragment);
    const banner = page.getByTestId('link-banner');
    await banner.waitFor({ timeout: 10_000 });
    console.log(`banner after ${Date.now() - t0} ms with silent IndexedDB`);
    expect(await banner.innerText()).toMatch(/not in the link[\s\S]*did not answer within 3 s/);
    await page.screenshot({ path: `${RESULTS_DIR}/silent-storage-1280x900.png` });
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
