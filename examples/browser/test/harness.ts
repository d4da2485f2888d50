/**
 * What a browser check of the page needs: a Vite build into a temporary
 * folder, a static file server on loopback, and Debian's Chromium driven by
 * playwright-core with a fresh profile. Used by the test and by the
 * screenshot script.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';
import { build } from 'vite';

/** The browser the checks use: Debian's package, never a downloaded build. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Whether Debian's Chromium is installed. */
export const hasChromium = existsSync(CHROMIUM_PATH);

/** The flags that keep Chromium quiet on a machine without network access. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The example's folder. */
export const EXAMPLE_DIR = fileURLToPath(new URL('..', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** Something to close at the end. */
export interface Closable {
  close(): Promise<void>;
}

/** Builds the page with Vite into a new temporary folder; `close` removes it. */
export async function buildPage(): Promise<Closable & { readonly dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'stochnet-browser-dist-'));
  await build({
    root: EXAMPLE_DIR,
    configFile: join(EXAMPLE_DIR, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true },
  });
  return { dir, close: () => rm(dir, { recursive: true, force: true }) };
}

/** Cross-origin isolation headers, as vite.config.ts sets them: the page gets SharedArrayBuffer. */
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/** Serves `root` read-only on 127.0.0.1 at a free port, cross-origin isolated. */
export async function serveStatic(root: string): Promise<Closable & { readonly url: string }> {
  const base = resolve(root);
  const server = createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    if (req.method !== 'GET' || !file.startsWith(base + sep)) {
      res.writeHead(req.method === 'GET' ? 403 : 405).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...ISOLATED }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done, failed) => {
    server.once('error', failed);
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Launches headless Chromium with a fresh profile; `close` ends it and removes the profile. */
export async function launchChromium(): Promise<Closable & { readonly context: BrowserContext }> {
  const profile = await mkdtemp(join(tmpdir(), 'stochnet-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_FLAGS,
      timeout: 20_000,
      viewport: { width: 1360, height: 1000 },
    });
    return {
      context,
      close: async () => {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/** What a canvas holds: its size, opaque pixels and distinct colours. */
export interface CanvasPixels {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly opaque: number;
  readonly colours: number;
}

/** Reads the pixels of canvases in the page (runs inside the page: no closure over test variables). */
export function readCanvases(ids: readonly string[]): CanvasPixels[] {
  return ids.map((id) => {
    const canvas = document.getElementById(id) as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set<number>();
    let opaque = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! > 0) opaque++;
      colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    }
    return { id, width: canvas.width, height: canvas.height, opaque, colours: colours.size };
  });
}
