/**
 * Keeps the guides honest: every ```ts block in docs/*.md must appear, line
 * for line, in a twin test in docs/test or in an example's source, and every
 * name it imports must be imported there from the same module.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const docs = fileURLToPath(new URL('..', import.meta.url));
const examples = fileURLToPath(new URL('../../examples', import.meta.url));

const IMPORT = /^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';$/;

/** Trimmed, non-empty lines. */
const lines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter((l) => l !== '');

/** Imported names by module, from every named import of a file (single- or multi-line). */
function importsOf(text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const m of text.matchAll(/^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';$/gm)) {
    const names = out.get(m[3]!) ?? new Set<string>();
    for (const n of m[2]!.split(',')) if (n.trim() !== '') names.add(n.trim().replace(/^type\s+/, ''));
    out.set(m[3]!, names);
  }
  return out;
}

/** The ```ts blocks of a markdown file. */
function blocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

const candidates = [
  ...readdirSync(`${docs}/test`).filter((f) => f.endsWith('.test.ts')).map((f) => `${docs}/test/${f}`),
  ...readdirSync(examples, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const src = `${examples}/${d.name}/src`;
      try {
        return readdirSync(src).filter((f) => f.endsWith('.ts')).map((f) => `${src}/${f}`);
      } catch {
        return [];
      }
    }),
].map((path) => {
  const text = readFileSync(path, 'utf8');
  return { path, body: `\n${lines(text).join('\n')}\n`, imports: importsOf(text) };
});

/** Whether a candidate holds the block's code and imports its names. */
function holds(c: (typeof candidates)[number], block: string): boolean {
  const own = lines(block);
  const body = own.filter((l) => !IMPORT.test(l));
  if (!c.body.includes(`\n${body.join('\n')}\n`)) return false;
  for (const [module, names] of importsOf(block)) {
    const there = c.imports.get(module);
    if (there === undefined || [...names].some((n) => !there.has(n))) return false;
  }
  return true;
}

const guides = readdirSync(docs).filter((f) => f.endsWith('.md'));

describe('code blocks in the guides', () => {
  it('finds the guides and their blocks', () => {
    expect(guides.length).toBeGreaterThanOrEqual(9);
    expect(guides.reduce((n, g) => n + blocks(readFileSync(`${docs}/${g}`, 'utf8')).length, 0)).toBeGreaterThan(20);
  });

  for (const guide of guides) {
    const text = readFileSync(`${docs}/${guide}`, 'utf8');
    blocks(text).forEach((block, i) => {
      it(`${guide} block ${i + 1} runs in a test or an example`, () => {
        const found = candidates.filter((c) => holds(c, block)).map((c) => c.path);
        expect(found, `not found:\n${block}`).not.toEqual([]);
      });
    });
  }

  it('negative control: an edited block is not found', () => {
    const block = "import { network } from '@stochnet/graph';\nconst net = network().unit('no-such-snippet').build();\n";
    expect(candidates.some((c) => holds(c, block))).toBe(false);
  });
});
