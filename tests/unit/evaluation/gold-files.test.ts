import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { evaluationSets, SET_NAMES } from '../../../src/import/evaluation/sets';

/**
 * The rules of data/eval/corpus/check.py, which only knows the corpus layout, applied to every
 * evaluation set: each gold string occurs word for word in its page, and the file is well formed.
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

const pages = (directory: string) => fs.readdirSync(directory).filter((name) => name.endsWith('.txt')).sort();

describe.each(SET_NAMES)('the gold files of the %s set', (name) => {
  const set = sets[name];

  test('every page has a gold file', () => {
    const missing = pages(set.pages).filter((page) => !fs.existsSync(path.join(set.gold, page.replace(/\.txt$/, '.json'))));
    expect(missing).toEqual([]);
  });

  test.each(pages(set.pages))('%s: every name, alias, title and amount occurs word for word in the page, and the file is well formed', (page) => {
    const text = fs.readFileSync(path.join(set.pages, page), 'utf8');
    const gold = JSON.parse(fs.readFileSync(path.join(set.gold, page.replace(/\.txt$/, '.json')), 'utf8')) as GoldFile & Record<string, unknown>;
    expect(problems(gold, text)).toEqual([]);
  });
});

test('the corpus copy passes its own check.py', () => {
  const output = execFileSync('python3', [path.join(ROOT, 'data', 'eval', 'corpus', 'check.py')], { encoding: 'utf8' });
  expect(output.trim().split('\n').pop()).toBe('TOTAL missing: 0');
});
