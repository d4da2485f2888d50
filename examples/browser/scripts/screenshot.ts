/**
 * Takes the screenshot in the docs: builds and serves the page, trains for
 * a few epochs in headless Chromium, stops, and saves a full-page PNG.
 *
 * Usage: pnpm --filter @stochnet/example-browser screenshot [epochs] [out.png]
 * (default 25 epochs, docs/images/browser.png in the repository).
 */
import { join } from 'node:path';
import { CHROMIUM_PATH, EXAMPLE_DIR, buildPage, hasChromium, launchChromium, serveStatic } from '../test/harness.js';
import type { Closable } from '../test/harness.js';

const epochs = Number(process.argv[2] ?? 25);
const out = process.argv[3] ?? join(EXAMPLE_DIR, '..', '..', 'docs', 'images', 'browser.png');
if (!hasChromium) throw new Error(`${CHROMIUM_PATH} is not installed: apt-get install chromium`);

const open: Closable[] = [];
try {
  const dist = await buildPage();
  open.push(dist);
  const server = await serveStatic(dist.dir);
  open.push(server);
  const browser = await launchChromium();
  open.push(browser);
  const page = await browser.context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(server.url, { waitUntil: 'load' });
  await page.click('#start');
  await page.waitForFunction((n) => Number(document.getElementById('status')?.dataset['epoch']) >= n, epochs);
  await page.click('#stop');
  await page.waitForFunction(() => document.body.dataset['running'] === 'false');
  await page.screenshot({ path: out, fullPage: true });
  console.log(`saved ${out} after ${await page.textContent('#status')}`);
} finally {
  for (const thing of open.reverse()) await thing.close();
}
