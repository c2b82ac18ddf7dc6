import fs from 'fs';
import os from 'os';
import path from 'path';
import { analyse } from '../../../src/import/analyse';
import { SAME_ARTICLE_SIMILARITY, signatureOf, similarity, type Signature } from '../../../src/import/fingerprint';
import { SignatureTable } from '../../../src/import/signature-table';
import { writeCorpus } from '../../../bench/corpus';

/** The page's text as the importer fingerprints it: headline and blocks after clean and parse. */
const textOf = (raw: string): string => {
  const result = analyse({ file: 'page.html', bytes: Buffer.from(raw) });
  if (!result.ok) throw new Error('the generated page did not analyse');
  return [result.value.parsed.title ?? '', ...result.value.parsed.blocks.map((block) => block.text)].join('\n');
};

// One site template, the same pools of names, organisations and sayings: the hardest case for the
// quick check, since its articles agree on far more positions than unrelated texts do.
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'signature-table-'));
writeCorpus(directory, 240, 7);
const texts = fs
  .readdirSync(directory)
  .sort()
  .map((name) => textOf(fs.readFileSync(path.join(directory, name), 'utf8')));
const signatures = texts.map((text) => signatureOf(text));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

const tableOf = (entries: Array<[string, Signature]>): SignatureTable => {
  const table = new SignatureTable();
  for (const [key, signature] of entries) table.add(key, signature);
  return table;
};

/** The closest article by comparing every position of every signature: what the table must not change. */
const closestByFullScan = (signature: Signature, entries: Array<[string, Signature]>): string | null => {
  let best: { key: string; value: number } | null = null;
  for (const [key, other] of entries) {
    const value = similarity(signature, other);
    if (best === null || value > best.value) best = { key, value };
  }
  return best !== null && best.value >= SAME_ARTICLE_SIMILARITY ? best.key : null;
};

describe('the table of known articles’ signatures', () => {
  const entries = signatures.map((signature, position): [string, Signature] => [`article-${position}`, signature]);
  const table = tableOf(entries);

  test('an edited page finds its article among many of the same template, as comparing every position would', () => {
    for (const [position, text] of texts.entries()) {
      // A corrected character and a line of boilerplate: the kinds of change a page goes through.
      const edited = signatureOf(`${text.replace(/[\u4e00-\u9fff]/, '甲')}\n本文转载自网络，如有侵权请联系删除`);
      const candidates = table.candidates(edited);
      expect(candidates).toContain(`article-${position}`);
      expect(closestByFullScan(edited, entries.filter(([key]) => candidates.includes(key)))).toBe(closestByFullScan(edited, entries));
    }
  });

  test('different articles of one template are almost all left out before the full comparison', () => {
    const passed = signatures.map((signature, position) => table.candidates(signature).filter((key) => key !== `article-${position}`).length);
    const pairs = signatures.length * (signatures.length - 1);
    expect(passed.reduce((sum, count) => sum + count, 0) / pairs).toBeLessThan(0.05);
  });

  test('a removed article is no longer a candidate, and one added again comes last in the order', () => {
    const small = tableOf([
      ['a', signatures[0]],
      ['b', signatures[0]],
      ['c', signatures[1]],
    ]);
    expect(small.candidates(signatures[0])).toEqual(['a', 'b']);
    small.remove('a');
    expect(small.candidates(signatures[0])).toEqual(['b']);
    small.add('a', signatures[0]);
    small.add('d', signatures[1]);
    expect(small.candidates(signatures[0])).toEqual(['b', 'a']);
    expect(small.size).toBe(4);
  });

  test('it grows past its first allocation without losing what it holds', () => {
    const big = new SignatureTable();
    for (let copy = 0; copy < 3; copy += 1) for (const [key, signature] of entries) big.add(`${key}-${copy}`, signature);
    expect(big.size).toBe(720);
    const once = table.candidates(signatures[239]);
    expect(once).toContain('article-239');
    expect(big.candidates(signatures[239])).toEqual([0, 1, 2].flatMap((copy) => once.map((key) => `${key}-${copy}`)));
  });
});

test('the table takes at most a quarter more memory than its signatures need, however many articles it holds', () => {
  const table = new SignatureTable();
  const signature = signatures[0];
  const needed = (count: number) => count * signature.length * Uint16Array.BYTES_PER_ELEMENT;
  for (let count = 1; count <= 20_000; count += 1) {
    table.add(`article-${count}`, signature);
    // Checked past the first table's 256 slots, where growth begins.
    if (count > 256 && count % 997 === 0) expect(table.bytes).toBeLessThanOrEqual(needed(count) * 1.25 + signature.length * Uint16Array.BYTES_PER_ELEMENT);
  }
  expect(table.size).toBe(20_000);
  expect(table.candidates(signature)).toHaveLength(20_000);
});
