/**
 * The progress display: a redrawn bar on terminals, a line every tenth elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { ProgressLine } from '@stochnet/cli';

function stream(isTTY: boolean, columns?: number): { write: (s: string) => void; isTTY: boolean; columns?: number; text: () => string } {
  const parts: string[] = [];
  return { write: (s) => void parts.push(s), isTTY, ...(columns === undefined ? {} : { columns }), text: () => parts.join('') };
}

describe('ProgressLine', () => {
  it('on a terminal redraws one line in place, fitted to the width, and closes it', () => {
    let t = 0;
    const s = stream(true, 60);
    const p = new ProgressLine(s, 'train', () => t);
    for (let i = 1; i <= 10; i++) {
      t += 1000;
      p.update(i / 10, `epoch ${i}/10`);
      p.note(i / 10, 'ignored on a terminal');
    }
    p.finish();
    const text = s.text();
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(2); // one line, redrawn with \r
    const frames = text.slice(0, -1).split('\r').filter((f) => f !== '');
    expect(frames).toHaveLength(10);
    expect(frames.every((f) => f.trimEnd().length <= 59)).toBe(true);
    expect(frames.at(-1)).toContain('100%  epoch 10/10');
    expect(text).not.toContain('ignored');
  });

  it('on a terminal skips redraws closer than 80 ms, except the last', () => {
    let t = 0;
    const s = stream(true);
    const p = new ProgressLine(s, 'x', () => t);
    p.update(0.1, 'a');
    t += 10;
    p.update(0.2, 'b');
    t += 10;
    p.update(1, 'c');
    expect(s.text().split('\r').filter((f) => f !== '')).toHaveLength(2);
  });

  it('elsewhere prints a line each tenth and never a bar', () => {
    const s = stream(false);
    const p = new ProgressLine(s, 'train');
    for (let i = 1; i <= 37; i++) {
      p.update(i / 37, 'bar');
      p.note(i / 37, `epoch ${i}`);
    }
    p.finish();
    const out = s.text().split('\n').filter((l) => l !== '');
    expect(out).toHaveLength(10);
    expect(out[0]).toBe('train  10%  epoch 4');
    expect(out.at(-1)).toBe('train 100%  epoch 37');
    expect(s.text()).not.toContain('\r');
  });
});
