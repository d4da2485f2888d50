/**
 * The page for real: built with Vite, served as static files on loopback,
 * driven in Debian's headless Chromium. Skipped, with a warning, where
 * /usr/bin/chromium is not installed.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, buildPage, hasChromium, launchChromium, readCanvases, serveStatic } from './harness.js';
import type { Closable } from './harness.js';

const CANVASES = ['data', 'filters', 'particles', 'probabilities'] as const;
const WAIT_MS = 20_000;

if (!hasChromium) {
  console.warn(`examples/browser: the browser test is SKIPPED: ${CHROMIUM_PATH} is not installed (apt-get install chromium).`);
}

describe.skipIf(!hasChromium)('the browser example in headless Chromium', () => {
  const open: Closable[] = [];
  const problems: string[] = [];
  let page: Page;

  beforeAll(async () => {
    const dist = await buildPage();
    open.push(dist);
    const server = await serveStatic(dist.dir);
    open.push(server);
    const browser = await launchChromium();
    open.push(browser);
    page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.on('console', (m) => {
      if (m.type() === 'error' || (m.type() === 'warning' && m.text().startsWith('@stochnet/'))) problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(server.url, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    // Last opened, first closed: browser, server, build folder.
    for (const thing of open.reverse()) await thing.close().catch(() => undefined);
  }, 30_000);

  it('starts blank, with Start enabled and Stop disabled', async () => {
    const pixels = await page.evaluate(readCanvases, CANVASES);
    // Negative control for the check below: nothing is drawn yet.
    for (const p of pixels) expect(p.opaque, p.id).toBe(0);
    expect(await page.isEnabled('#start')).toBe(true);
    expect(await page.isDisabled('#stop')).toBe(true);
    expect(await page.inputValue('#seed')).not.toBe('');
  });

  it('trains in the worker, reports an epoch and draws every picture', async () => {
    await page.fill('#seed', '7');
    await page.click('#start');
    expect(await page.isDisabled('#start')).toBe(true);
    await page.waitForFunction(() => Number(document.getElementById('status')?.dataset['epoch']) >= 1, null, { timeout: WAIT_MS });
    const status = await page.textContent('#status');
    // The page is served cross-origin isolated, so the worker's wasm backend gets SharedArrayBuffer and its threads.
    expect(status).toMatch(/^epoch \d+ \/ 200 · reconstruction error 0\.\d{4} train, 0\.\d{4} test · [\d,]+ samples\/s on wasm \(WebAssembly (relaxed )?SIMD, \d+ threads?\)$/);
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    const pixels = await page.evaluate(readCanvases, CANVASES);
    for (const p of pixels) {
      expect(p.width, p.id).toBeGreaterThan(64);
      expect(p.opaque, p.id).toBe(p.width * p.height);
      // Gaps, black and white at least: a picture, not a filled rectangle.
      expect(p.colours, p.id).toBeGreaterThanOrEqual(3);
    }
    expect(await page.locator('#curve svg path.series').count()).toBe(2);
  });

  it('stops on Stop and enables Start again', async () => {
    await page.click('#stop');
    await page.waitForFunction(() => document.body.dataset['running'] === 'false', null, { timeout: WAIT_MS });
    expect(await page.textContent('#status')).toMatch(/^stopped · epoch \d+ \/ 200/);
    expect(await page.isEnabled('#start')).toBe(true);
    expect(await page.isDisabled('#stop')).toBe(true);
  });

  it('raised no console error, no stochnet warning (such as a one-thread fallback) and no page error', () => {
    expect(problems).toEqual([]);
  });
});
