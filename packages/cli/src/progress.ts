/**
 * A one-line progress bar for terminals, and plain progress lines for pipes
 * and logs.
 *
 * A bar of our own rather than cli-progress: it is forty lines, draws
 * through the same `CliStream` the tests capture, needs no extra package,
 * and redraws only when the text changes, so output stays deterministic.
 *
 * @module
 */
import type { CliStream } from './io.js';

const FULL = '█';
const EMPTY = '░';
const REDRAW_MS = 80;

function seconds(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * A progress display bound to one stream: a redrawn one-line bar on a
 * terminal, a plain line every tenth of the run elsewhere.
 *
 * @remarks
 * On a terminal (`stream.isTTY`), {@link ProgressLine.update} redraws
 * `label ███░░░  42%  status  eta 3s` in place (at most every 80 ms, always
 * at 100%), fitted to `stream.columns`; {@link ProgressLine.note} does
 * nothing. Elsewhere (pipes, logs, CI), `update` does nothing and `note`
 * prints `label  40%  text` each time the run passes another tenth, so a
 * log holds about ten lines whatever the run's length.
 *
 * @example
 * ```ts
 * import { ProgressLine } from '@stochnet/cli';
 * const lines: string[] = [];
 * const progress = new ProgressLine({ write: (s: string) => void lines.push(s), isTTY: false }, 'train');
 * for (let epoch = 1; epoch <= 20; epoch++) progress.note(epoch / 20, `epoch ${epoch}/20`);
 * progress.finish();
 * console.log(lines.length, lines[0]); // 10 train  10%  epoch 2/20
 * ```
 */
export class ProgressLine {
  private readonly tty: boolean;
  private readonly start: number;
  private drawn = '';
  private lastDraw = -Infinity;
  private nextNote = 0.1;

  /**
   * @param stream - where to draw
   * @param label - a word before the bar, e.g. 'train'
   * @param now - a clock in milliseconds (default performance.now)
   */
  constructor(
    private readonly stream: CliStream,
    private readonly label: string,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tty = stream.isTTY === true;
    this.start = now();
  }

  /**
   * Terminal: redraws the bar at `fraction` with `status` after it. Elsewhere: nothing.
   *
   * @param fraction - the part of the run done, 0..1
   * @param status - a short text after the bar, e.g. `epoch 3/50  recon 0.061`
   */
  update(fraction: number, status: string): void {
    if (!this.tty) return;
    const t = this.now();
    if (fraction < 1 && t - this.lastDraw < REDRAW_MS) return;
    const f = Math.min(1, Math.max(0, fraction));
    const elapsed = t - this.start;
    const eta = f > 0 && f < 1 ? `  eta ${seconds((elapsed * (1 - f)) / f)}` : `  ${seconds(elapsed)}`;
    const cols = this.stream.columns;
    const width = Math.max(40, (cols === undefined || cols <= 0 ? 80 : cols) - 1);
    const pct = `${String(Math.floor(f * 100)).padStart(3)}%`;
    const barWidth = Math.max(10, Math.min(30, width - this.label.length - pct.length - status.length - eta.length - 4));
    const filled = Math.round(f * barWidth);
    const bar = FULL.repeat(filled) + EMPTY.repeat(barWidth - filled);
    let text = `${this.label} ${bar} ${pct}  ${status}${eta}`;
    if (text.length > width) text = text.slice(0, width);
    if (text === this.drawn) return;
    this.stream.write(`\r${text.padEnd(this.drawn.length)}`);
    this.drawn = text;
    this.lastDraw = t;
  }

  /**
   * Pipes and logs: prints `text` on its own line each time `fraction` passes another tenth. Terminal: nothing.
   *
   * @param fraction - the part of the run done, 0..1
   * @param text - what to print with it
   */
  note(fraction: number, text: string): void {
    if (this.tty || fraction + 1e-12 < this.nextNote) return;
    this.stream.write(`${this.label} ${String(Math.floor(fraction * 100)).padStart(3)}%  ${text}\n`);
    while (this.nextNote <= fraction + 1e-12) this.nextNote += 0.1;
  }

  /** Ends the display: a terminal's bar line is closed with the elapsed time. */
  finish(): void {
    if (this.tty && this.drawn !== '') this.stream.write('\n');
    this.drawn = '';
  }

  /**
   * Milliseconds since the display started.
   *
   * @returns the elapsed time by the display's clock
   */
  elapsed(): number {
    return this.now() - this.start;
  }
}
