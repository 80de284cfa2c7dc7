import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodePayload, minimize } from '../../src/share/index.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import { RESULTS_DIR, ROOT, useAppServer, waitForStatus } from './harness.ts';

/** Issue 16 item 5: a form that reads as the user wrote it, messages in plain words, a skip link, phones. */
const env = useAppServer();

type ErrPage = Page & { errors: string[] };

async function openApp(url = env.preview.url, width = 1280, height = 900): Promise<ErrPage> {
  const page = (await env.browser.newPage({ viewport: { width, height } })) as ErrPage;
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(url);
  await waitForStatus(page, 'done');
  return page;
}

const headline = JSON.parse(readFileSync(`${ROOT}/scenarios/online-class-evening-burst.json`, 'utf8')) as Record<string, unknown>;

describe('the form after a reload or a link', () => {
  it('a reload shows the fields as they were typed, including values equal to the default', async () => {
    const page = await openApp();
    await page.fill('#f-horizon', '2d');
    await page.fill('#f-workload-0-peakAt', '19:30');
    // seed 1 and scan-interval 10s are the schema defaults: a minimized link dropped them.
    await page.fill('#f-seed', '1');
    await page.fill('#f-strategies-0-nodePool-autoscaler-scanInterval', '10s');
    await page.waitForTimeout(800);
    await page.reload();
    await waitForStatus(page, 'done');
    expect(await page.inputValue('#f-horizon')).toBe('2d');
    expect(await page.inputValue('#f-workload-0-peakAt')).toBe('19:30');
    expect(await page.inputValue('#f-seed')).toBe('1');
    expect(await page.inputValue('#f-strategies-0-nodePool-autoscaler-scanInterval')).toBe('10s');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('a link made by an older Spillway (seconds, defaults dropped) shows a day as "2d" and a time as "19:30"', async () => {
    const w = structuredClone(headline.workload) as Record<string, unknown>[];
    w[0].peakAt = '19:30';
    const scenario = parseScenario({ ...headline, horizon: '2d', workload: w });
    const fragment = await encodePayload(JSON.stringify(minimize(scenario)));
    const page = await openApp(env.preview.url + fragment);
    expect(await page.inputValue('#f-horizon')).toBe('2d');
    expect(await page.inputValue('#f-workload-0-peakAt')).toBe('19:30');
    await page.close();
  });
});

describe('validation messages', () => {
  it('speak the form\'s language and clear once the field is fixed', async () => {
    const page = await openApp();
    await page.fill('#f-strategies-0-nodePool-maxNodes', 'lots');
    const error = page.locator('#f-strategies-0-nodePool-maxNodes-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('“lots” is not a number');
    expect(await page.locator('.issue-summary').innerText()).not.toMatch(/Invalid input|received/);
    await page.fill('#f-workload-1-podsPerSession', '2.5');
    await expect.poll(() => page.locator('#f-workload-1-podsPerSession-error').innerText()).toBe('must be a whole number, not 2.5');
    await page.screenshot({ path: `${RESULTS_DIR}/friendly-messages-1280x900.png` });
    await page.fill('#f-strategies-0-nodePool-maxNodes', '3000');
    await page.fill('#f-workload-1-podsPerSession', '8000');
    await expect.poll(() => page.locator('.editor .field-error').count()).toBe(0);
    expect(await page.locator('.issue-summary').count()).toBe(0);
    await page.close();
  });
});

describe('keyboard and phones', () => {
  it('a skip link reaches "Copy link" in three key presses, and the address keeps the scenario', async () => {
    const fragment = await encodePayload(JSON.stringify({ ...headline, name: 'Skip test' }));
    const page = await openApp(env.preview.url + fragment);
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toBe(fragment);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to results');
    await page.screenshot({ path: `${RESULTS_DIR}/skip-link-1280x900.png` });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('copy-link');
    expect(await page.evaluate(() => location.hash)).toBe(hash);
    await page.close();
  });

  it('on a phone the verdict and the table come before the sliders, and the table says it scrolls sideways', async () => {
    const page = await openApp(env.preview.url, 390, 844);
    const top = (sel: string) => page.locator(sel).first().evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    const verdict = await top('[data-testid=verdict]');
    const table = await top('[data-testid=comparison-table]');
    const sliders = await top('[data-testid=whatif]');
    const charts = await top('.charts');
    expect(verdict).toBeLessThan(sliders);
    expect(table).toBeLessThan(sliders);
    expect(sliders).toBeLessThan(charts);
    const hint = page.getByTestId('table-scroll-hint');
    expect(await hint.innerText()).toMatch(/sideways/);
    expect(await page.getAttribute('.table-scroll', 'data-more-right')).toBe('true');
    await page.locator('.table-scroll').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${RESULTS_DIR}/phone-table-390x844.png` });
    await page.locator('.table-scroll').evaluate((el) => (el.scrollLeft = el.scrollWidth));
    await expect.poll(() => page.getAttribute('.table-scroll', 'data-more-left')).toBe('true');
    expect(await page.getAttribute('.table-scroll', 'data-more-right')).toBe(null);
    // No sideways scrolling of the page itself.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
