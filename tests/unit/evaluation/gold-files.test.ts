import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { evaluationSets, SET_NAMES } from '../../../src/import/evaluation/sets';

/**
 * The rules of data/eval/corpus/check.py, which only knows the corpus layout, applied to every
 * annotated set (corpus, bundled, heldout): each gold string occurs word for word in its page, and
 * the file is well formed.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const sets = evaluationSets(ROOT);

const TOP = ['title', 'date', 'source', 'url', 'persons', 'organisations', 'initiatives', 'amounts'];
const ORG_TYPES = new Set(['government', 'university', 'company', 'chamber', 'hospital', 'media', 'association', 'party', 'school', 'other']);
const KINDS = new Set(['campaign', 'event', 'donation', 'publication', 'policy', 'training', 'other']);
const UNITS = new Set(['CNY', 'USD', 'HKD', 'MOP', 'TWD']);

type GoldFile = {
  persons: Array<{ name: string; positions: Array<{ title: string; organisation: string | null }> }>;
  organisations: Array<{ name: string; type: string; aliases?: string[] }>;
  initiatives: Array<{ name: string; kind: string; named: unknown; organisers: string[]; amounts: Array<{ text: string; value: number }> }>;
  amounts: Array<{ text: string; value: unknown; unit: string; approximate: unknown }>;
};

/** What check.py lists as missing for one page; empty when the gold file is sound. */
const problems = (gold: GoldFile & Record<string, unknown>, text: string): string[] => {
  const found: string[] = [];
  if (JSON.stringify(Object.keys(gold)) !== JSON.stringify(TOP)) found.push(`keys ${Object.keys(gold).join(',')}`);
  const orgNames = new Set<string>();
  for (const o of gold.organisations) {
    if (orgNames.has(o.name)) found.push(`duplicate organisation ${o.name}`);
    orgNames.add(o.name);
    if (!ORG_TYPES.has(o.type)) found.push(`organisation type ${o.name}: ${o.type}`);
    for (const name of [o.name, ...(o.aliases ?? [])]) if (!text.includes(name)) found.push(`organisation not in page: ${name}`);
  }
  const personNames = new Set<string>();
  for (const p of gold.persons) {
    if (personNames.has(p.name)) found.push(`duplicate person ${p.name}`);
    personNames.add(p.name);
    if (!text.includes(p.name)) found.push(`person not in page: ${p.name}`);
    const seen = new Set<string>();
    for (const position of p.positions) {
      const key = JSON.stringify([position.title, position.organisation]);
      if (seen.has(key)) found.push(`duplicate position ${p.name} ${key}`);
      seen.add(key);
      if (!text.includes(position.title)) found.push(`title not in page: ${position.title}`);
      if (position.organisation !== null && position.organisation !== '' && !orgNames.has(position.organisation)) {
        found.push(`position organisation not among the organisations: ${position.organisation}`);
      }
    }
  }
  const topAmounts = new Set(gold.amounts.map((a) => JSON.stringify([a.text, a.value])));
  for (const i of gold.initiatives) {
    if (!KINDS.has(i.kind)) found.push(`initiative kind ${i.name}: ${i.kind}`);
    if (typeof i.named !== 'boolean') found.push(`initiative named is not true or false: ${i.name}`);
    for (const o of i.organisers) if (!orgNames.has(o) && !personNames.has(o) && !text.includes(o)) found.push(`organiser unknown: ${o}`);
    for (const a of i.amounts) {
      if (!text.includes(a.text)) found.push(`initiative amount not in page: ${a.text}`);
      if (!topAmounts.has(JSON.stringify([a.text, a.value]))) found.push(`initiative amount not among the amounts: ${a.text}`);
    }
  }
  for (const a of gold.amounts) {
    if (!text.includes(a.text)) found.push(`amount not in page: ${a.text}`);
    if (!UNITS.has(a.unit)) found.push(`amount unit ${a.text}: ${a.unit}`);
    if (typeof a.value !== 'number') found.push(`amount value is not a number: ${a.text}`);
    if (typeof a.approximate !== 'boolean') found.push(`amount approximate is not true or false: ${a.text}`);
  }
  return found;
};

/** The pages of a set as the importer reads them: scraped text and saved HTML (whose markup counts as page text, as in check.py). */
const PAGE = /\.(txt|html?)$/;
const pages = (directory: string) => fs.readdirSync(directory).filter((name) => PAGE.test(name)).sort();
const stem = (file: string) => file.replace(/\.[^.]+$/, '');

type GoldSet = { name: string; pages: string; gold: string };

/**
 * The sets the evaluation runs, and any data/eval/<name>/ with pages/ and gold/ side by side, so that
 * an annotated set is checked from the moment it is written, whether or not sets.ts lists it yet.
 */
const goldSets = (): GoldSet[] => {
  const registered: GoldSet[] = SET_NAMES.map((name) => sets[name]);
  const known = new Set(registered.map((set) => path.resolve(set.gold)));
  const evalDir = path.join(ROOT, 'data', 'eval');
  const onDisk = fs
    .readdirSync(evalDir)
    .map((name) => ({ name, pages: path.join(evalDir, name, 'pages'), gold: path.join(evalDir, name, 'gold') }))
    .filter((set) => fs.existsSync(set.pages) && fs.existsSync(set.gold) && !known.has(path.resolve(set.gold)));
  return [...registered, ...onDisk];
};

describe.each(goldSets().map((set) => [set.name, set] as const))('the gold files of the %s set', (_name, set) => {
  const goldFile = (page: string) => path.join(set.gold, `${stem(page)}.json`);

  test('every page has a gold file', () => {
    const missing = pages(set.pages).filter((page) => !fs.existsSync(goldFile(page)));
    expect(missing).toEqual([]);
  });

  test('every gold file belongs to a page, so none is silently left out of the scores', () => {
    const stems = new Set(pages(set.pages).map(stem));
    const orphans = fs.readdirSync(set.gold).filter((name) => name.endsWith('.json') && !stems.has(stem(name)));
    expect(orphans).toEqual([]);
  });

  test.each(pages(set.pages))('%s: every name, alias, title and amount occurs word for word in the page, and the file is well formed', (page) => {
    const text = fs.readFileSync(path.join(set.pages, page), 'utf8');
    const gold = JSON.parse(fs.readFileSync(goldFile(page), 'utf8')) as GoldFile & Record<string, unknown>;
    expect(problems(gold, text)).toEqual([]);
  });
});

test('the corpus copy passes its own check.py', () => {
  const output = execFileSync('python3', [path.join(ROOT, 'data', 'eval', 'corpus', 'check.py')], { encoding: 'utf8' });
  expect(output.trim().split('\n').pop()).toBe('TOTAL missing: 0');
});
