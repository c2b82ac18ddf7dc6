import { codePoints, pyFixed, pyFloat, pyOr, pyPadEnd, pyRound, pyStr, pyTruthy } from './python';

/**
 * A port of the reference scorer data/eval/corpus/score.py that gives exactly its figures and prints
 * exactly its text. The report is the importer's JSON report (npm run import -- --dry-run --report);
 * a gold file is what a careful editor extracts from one page (data/eval/corpus/README.md).
 *
 * Both are read as loose JSON, the way score.py reads them: a missing key is None, and Python's
 * truthiness decides what counts as given. Keep the two files in step when either changes.
 */

/** A gold annotation as written on disk (see the corpus README for what each field means). */
export type Gold = {
  title: string | null;
  date: string | null;
  source: string | null;
  url?: string | null;
  persons: Array<{ name: string; positions: Array<{ title: string; organisation: string | null }> }>;
  organisations: Array<{ name: string; type: string; aliases?: string[]; in_boilerplate?: boolean }>;
  initiatives: Array<{ name: string; kind: string; organisers: string[]; amounts: GoldAmount[]; named: boolean }>;
  amounts: GoldAmount[];
};

export type GoldAmount = { text: string; value: number; unit: string; approximate: boolean; context?: string };

export const FIELDS = ['persons', 'positions', 'organisations', 'amounts', 'named_initiatives'] as const;
export type Field = (typeof FIELDS)[number];

export type Counts = { tp: number; fp: number; fn: number };
export type Prf = { precision: number; recall: number; f1: number };

export type DocumentScore = Record<Field, Counts> & { boilerplateOrgsEmitted: number; title: boolean; date: boolean; source: boolean };

export type ScoredDocument = { file: string; gold: string; failed: boolean; score: DocumentScore };

export type Evaluation = {
  documents: ScoredDocument[];
  /** Micro-averaged over the matched documents. */
  totals: Record<Field, Counts & Prf>;
  metadata: { title: number; date: number; source: number };
  /** Report documents that have a gold file; the others are not scored. */
  matched: number;
  failed: number;
  boilerplateOrgsEmitted: number;
  /** Mean F1 of persons, positions and amounts; null when no document matched a gold file. */
  headline: number | null;
};

type Loose = Record<string, unknown>;

const get = (object: unknown, key: string): unknown =>
  object !== null && typeof object === 'object' && !Array.isArray(object) ? (object as Loose)[key] : undefined;

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Python's == on JSON scalars, with a missing value as None. */
const same = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null);

/** Python's `\s` on str: Unicode whitespace, which is not quite JavaScript's (no U+FEFF; U+001C–U+001F and U+0085 in). */
const PYTHON_SPACE = '\\t\\n\\v\\f\\r\\u001c-\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const REMOVED = new RegExp(`[${PYTHON_SPACE}"“”‘’'《》「」()（）,，。:：、·\\-]`, 'gu');

/** NFKC, then without spaces, quotes, brackets and the punctuation that varies between spellings. */
export const norm = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  return pyStr(value).normalize('NFKC').replace(REMOVED, '');
};

export const prf = ({ tp, fp, fn }: Counts): Prf => {
  const precision = tp + fp > 0 ? tp / (tp + fp) : fn === 0 ? 1.0 : 0.0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 1.0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0.0;
  return { precision, recall, f1 };
};

/** os.path.splitext(os.path.basename(path))[0]: a leading dot does not start an extension. */
const fileStem = (file: string): string => {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 && base.slice(0, dot).replace(/^\.+/, '') !== '' ? base.slice(0, dot) : base;
};

/** The gold file a report document is scored against: its file's stem, else seed_<number>. */
export const goldNameFor = (file: string, golds: ReadonlyMap<string, Gold>): string | null => {
  const stem = fileStem(file);
  for (const candidate of [stem, `seed_${stem.split('_')[0]}`]) {
    if (golds.has(candidate)) return candidate;
  }
  return null;
};

type OrgKeys = { keys: Map<string, Set<string>>; boilerplate: Set<string> };

/** Canonical organisation key -> accepted spellings; plus the spellings of boilerplate organisations. */
const orgKeys = (gold: unknown): OrgKeys => {
  const keys = new Map<string, Set<string>>();
  const boilerplate = new Set<string>();
  for (const organisation of list(get(gold, 'organisations'))) {
    const names = new Set([norm(get(organisation, 'name')), ...list(pyOr(get(organisation, 'aliases'), [])).map(norm)]);
    if (pyTruthy(get(organisation, 'in_boilerplate'))) names.forEach((name) => boilerplate.add(name));
    else keys.set(norm(get(organisation, 'name')), names);
  }
  return { keys, boilerplate };
};

const matchOrg = (name: unknown, keys: Map<string, Set<string>>): string | null => {
  const normalised = norm(name);
  if (normalised === '') return null;
  for (const [key, names] of keys) {
    if (names.has(normalised)) return key;
  }
  return null;
};

const setCounts = (gold: Set<string>, found: Set<string>): Counts => {
  let tp = 0;
  for (const item of found) if (gold.has(item)) tp += 1;
  return { tp, fp: found.size - tp, fn: gold.size - tp };
};

/** (person, title, organisation) triples; an organisation resolves through gold names and aliases. */
const positionSet = (persons: unknown[], keys: Map<string, Set<string>>): Set<string> => {
  const triples = new Set<string>();
  for (const person of persons) {
    for (const position of list(pyOr(get(person, 'positions'), []))) {
      const organisation = get(position, 'organisation');
      const resolved = pyTruthy(organisation) ? pyOr(matchOrg(organisation, keys), norm(organisation)) : '';
      triples.add(JSON.stringify([norm(get(person, 'name')), norm(get(position, 'title')), resolved]));
    }
  }
  return triples;
};

const organisationCounts = (doc: unknown, { keys }: OrgKeys): Counts => {
  const found = new Set<string>();
  let fp = 0;
  for (const organisation of list(pyOr(get(doc, 'organisations'), []))) {
    const key = matchOrg(get(organisation, 'name'), keys);
    if (key !== null && key !== '') found.add(key);
    else fp += 1;
  }
  return { tp: found.size, fp, fn: [...keys.keys()].filter((key) => !found.has(key)).length };
};

type AmountKey = { value: number; currency: unknown };

/** Amounts as a multiset of (value rounded to cents, currency). */
const amountCounts = (doc: unknown, gold: unknown): Counts => {
  const goldAmounts: AmountKey[] = list(get(gold, 'amounts')).map((a) => ({
    value: pyRound(pyFloat(get(a, 'value')), 2),
    currency: pyOr(get(a, 'unit'), get(a, 'currency')),
  }));
  const rest: AmountKey[] = list(pyOr(get(doc, 'amounts'), [])).map((a) => ({
    value: pyRound(pyFloat(pyOr(get(a, 'value'), 0)), 2),
    currency: pyOr(get(a, 'currency'), get(a, 'unit')),
  }));
  let tp = 0;
  for (const amount of goldAmounts) {
    const index = rest.findIndex((other) => other.value === amount.value && same(other.currency, amount.currency));
    if (index >= 0) {
      rest.splice(index, 1);
      tp += 1;
    }
  }
  return { tp, fp: rest.length, fn: goldAmounts.length - tp };
};

/** Named initiatives, recall only: a report name of 4 or more characters inside the gold name or around it. */
const namedInitiativeCounts = (doc: unknown, gold: unknown): Counts => {
  const named = list(get(gold, 'initiatives'))
    .filter((initiative) => pyTruthy(get(initiative, 'named')))
    .map((initiative) => norm(get(initiative, 'name')));
  const reported = list(pyOr(get(doc, 'initiatives'), [])).map((initiative) => norm(get(initiative, 'name')));
  const hit = named.filter((name) => name !== '' && reported.some((x) => (x.includes(name) || name.includes(x)) && codePoints(x) >= 4)).length;
  return { tp: hit, fp: 0, fn: named.length - hit };
};

const metadataScore = (doc: unknown, gold: unknown): Pick<DocumentScore, 'title' | 'date' | 'source'> => {
  const article = pyOr(get(doc, 'article'), {});
  const goldTitle = get(gold, 'title') ?? null;
  const goldSource = get(gold, 'source') ?? null;
  const source = norm(get(article, 'source'));
  return {
    title: goldTitle === null || norm(get(article, 'title')) === norm(goldTitle),
    date: same(pyOr(get(article, 'date'), null), get(gold, 'date')),
    source: goldSource === null || (source.includes(norm(goldSource)) && source !== ''),
  };
};

export const scoreDocument = (doc: unknown, gold: unknown): DocumentScore => {
  const organisations = orgKeys(gold);
  const goldPersons = list(get(gold, 'persons'));
  const docPersons = list(pyOr(get(doc, 'persons'), []));
  const reportedNames = new Set(docPersons.map((person) => norm(get(person, 'name'))));
  reportedNames.delete('');
  return {
    persons: setCounts(new Set(goldPersons.map((person) => norm(get(person, 'name')))), reportedNames),
    positions: setCounts(positionSet(goldPersons, organisations.keys), positionSet(docPersons, organisations.keys)),
    organisations: organisationCounts(doc, organisations),
    boilerplateOrgsEmitted: list(pyOr(get(doc, 'organisations'), [])).filter((o) => organisations.boilerplate.has(norm(get(o, 'name')))).length,
    amounts: amountCounts(doc, gold),
    named_initiatives: namedInitiativeCounts(doc, gold),
    ...metadataScore(doc, gold),
  };
};

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

/** Scores every report document that has a gold file, and the totals over them. */
export const scoreReport = (report: unknown, golds: ReadonlyMap<string, Gold>): Evaluation => {
  const sums = Object.fromEntries(FIELDS.map((field) => [field, zero()])) as Record<Field, Counts>;
  const metadata = { title: 0, date: 0, source: 0 };
  const documents: ScoredDocument[] = [];
  let failed = 0;
  let boilerplateOrgsEmitted = 0;
  for (const doc of list(get(report, 'documents'))) {
    const file = pyStr(get(doc, 'file') ?? '');
    const goldName = goldNameFor(file, golds);
    if (goldName === null) continue;
    const status = get(doc, 'status') ?? null;
    const isFailed = status !== null && status !== 'ok';
    if (isFailed) failed += 1;
    const score = scoreDocument(doc, golds.get(goldName));
    for (const field of FIELDS) {
      sums[field].tp += score[field].tp;
      sums[field].fp += score[field].fp;
      sums[field].fn += score[field].fn;
    }
    for (const key of ['title', 'date', 'source'] as const) metadata[key] += score[key] ? 1 : 0;
    boilerplateOrgsEmitted += score.boilerplateOrgsEmitted;
    documents.push({ file, gold: `${goldName}.json`, failed: isFailed, score });
  }
  const totals = Object.fromEntries(FIELDS.map((field) => [field, { ...sums[field], ...prf(sums[field]) }])) as Evaluation['totals'];
  const headline = documents.length === 0 ? null : (totals.persons.f1 + totals.positions.f1 + totals.amounts.f1) / 3;
  return { documents, totals, metadata, matched: documents.length, failed, boilerplateOrgsEmitted, headline };
};

/** One line per document, as score.py prints it. */
export const documentLine = ({ gold, score }: ScoredDocument): string => {
  const cells = FIELDS.map((field) => `${field.slice(0, 5)}=${pyFixed(prf(score[field]).f1, 2)}`).join(' ');
  return `${pyPadEnd(gold, 28)} ${cells} title=${pyStr(score.title)} date=${pyStr(score.date)} source=${pyStr(score.source)}`;
};

/** The text score.py prints for the same report and gold files (with --quiet, no document lines). */
export const formatEvaluation = (evaluation: Evaluation, options: { quiet?: boolean } = {}): string => {
  const lines = options.quiet === true ? [] : evaluation.documents.map(documentLine);
  if (evaluation.headline === null) return `${[...lines, 'no report document matched a gold file'].join('\n')}\n`;
  const n = evaluation.matched;
  for (const field of FIELDS) {
    const t = evaluation.totals[field];
    lines.push(`${pyPadEnd(field, 18)} P=${pyFixed(t.precision, 3)} R=${pyFixed(t.recall, 3)} F1=${pyFixed(t.f1, 3)} (tp=${t.tp} fp=${t.fp} fn=${t.fn})`);
  }
  const { title, date, source } = evaluation.metadata;
  lines.push(
    `metadata correct: title ${title}/${n}, date ${date}/${n}, source ${source}/${n}; failed docs ${evaluation.failed}; boilerplate orgs emitted ${evaluation.boilerplateOrgsEmitted}`,
    `headline F1 (persons, positions, amounts) = ${pyFixed(evaluation.headline, 3)} over ${n} docs`
  );
  return `${lines.join('\n')}\n`;
};

/** score.py's exit status: 1 when nothing matched or the headline is under the minimum. */
export const exitStatus = (evaluation: Evaluation, minF1: number | null): 0 | 1 =>
  evaluation.headline === null || (minF1 !== null && evaluation.headline < minF1) ? 1 : 0;
