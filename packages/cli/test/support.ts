/**
 * Helpers of the CLI tests: captured streams, temporary folders, a small
 * labelled CSV data set, PNG decoding and spawning the real program.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from 'fast-png';
import type { CliIo } from '@stochnet/cli';

/** A run's captured output. */
export interface Captured {
  readonly io: CliIo;
  out(): string;
  err(): string;
}

/** An io object writing into strings, with cwd `cwd`. */
export function capture(cwd: string, tty = false): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (s) => void out.push(s), isTTY: tty, columns: 100 }, stderr: { write: (s) => void err.push(s) }, cwd },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

const folders: string[] = [];

/** A fresh temporary folder, removed by cleanup(). */
export async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'stochnet-cli-'));
  folders.push(dir);
  return dir;
}

/** Removes the folders made by tempFolder. */
export async function cleanup(): Promise<void> {
  await Promise.all(folders.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** The files of a folder (recursively listed names), sorted. */
export async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

/**
 * Writes `bars.csv`: 40 rows of 4×4 pictures, each a horizontal (label 0)
 * or vertical (label 1) bar, then a label column named `label`.
 */
export async function barsCsv(dir: string, name = 'bars.csv'): Promise<string> {
  const lines = [[...Array.from({ length: 16 }, (_, i) => `p${i}`), 'label'].join(',')];
  for (let r = 0; r < 40; r++) {
    const vertical = r % 2;
    const at = Math.floor(r / 2) % 4;
    const px = Array.from({ length: 16 }, (_, i) => (vertical === 1 ? i % 4 === at : Math.floor(i / 4) === at) ? 1 : 0);
    lines.push([...px, vertical].join(','));
  }
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

/** Width and height of a PNG file, decoded with fast-png. */
export async function pngSize(path: string): Promise<{ width: number; height: number }> {
  const png = decode(await readFile(path));
  return { width: png.width, height: png.height };
}

/** The pixel size of a grid of `rows` × `cols` tiles of `tile` pixels with `padding` between and around. */
export function gridSize(rows: number, cols: number, tile: number, padding: number): { width: number; height: number } {
  return { width: cols * tile + (cols + 1) * padding, height: rows * tile + (rows + 1) * padding };
}

const BIN = resolve(fileURLToPath(import.meta.url), '../../bin/stochnet.js');

/** What a spawned run printed and returned. */
export interface Spawned {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `stochnet` program (bin/stochnet.js) in `cwd`. */
export function spawnCli(args: readonly string[], cwd: string): Promise<Spawned> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The lines of a text, without the empty last one. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
}
