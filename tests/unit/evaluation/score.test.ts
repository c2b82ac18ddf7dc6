import { execFileSync, spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { readGoldDirectory } from '../../../src/import/evaluation/gold';
import { pyFixed, pyRound } from '../../../src/import/evaluation/python';
import { exitStatus, formatEvaluation, norm, scoreReport } from '../../../src/import/evaluation/score';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SCORE_PY = path.join(ROOT, 'data', 'eval', 'corpus', 'score.py');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'eval');
const REPORT = path.join(FIXTURES, 'report.json');
const GOLD = path.join(FIXTURES, 'gold');

/** What the reference scorer prints, and its exit status. */
const scorePy = (report: string, gold: string, ...options: string[]): { stdout: string; status: number | null } => {
  const run = spawnSync('python3', [SCORE_PY, report, gold, ...options], { encoding: 'utf8' });
  if (run.error !== undefined) throw run.error;
  return { stdout: run.stdout, status: run.status };
};

/** Runs a snippet with score.py loaded as module `s`, the JSON input on stdin, and parses its JSON output. */
const python = (snippet: string, input: unknown): unknown => {
  const program = [
    'import importlib.util, json, sys',
    `spec = importlib.util.spec_from_file_location('score', ${JSON.stringify(SCORE_PY)})`,
    's = importlib.util.module_from_spec(spec); spec.loader.exec_module(s)',
    'data = json.load(sys.stdin)',
    snippet,
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', program], { input: JSON.stringify(input), encoding: 'utf8' }));
};

const readReport = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

const fixtureEvaluation = () => scoreReport(readReport(REPORT), readGoldDirectory(GOLD));

describe('the TypeScript scorer gives what score.py gives', () => {
  test('it prints exactly the text score.py prints for the same report and gold files', () => {
    const expected = scorePy(REPORT, GOLD);
    expect(expected.status).toBe(0);
    expect(formatEvaluation(fixtureEvaluation())).toBe(expected.stdout);
  });

  test('quiet, it leaves out the per-document lines as score.py --quiet does', () => {
    expect(formatEvaluation(fixtureEvaluation(), { quiet: true })).toBe(scorePy(REPORT, GOLD, '--quiet').stdout);
  });

  test.each([0.5, 0.655, 0.66, 0.9])('with a minimum F1 of %s it fails or passes as score.py does', (minF1) => {
    expect(exitStatus(fixtureEvaluation(), minF1)).toBe(scorePy(REPORT, GOLD, '--min-f1', String(minF1)).status);
  });

  test('a report none of whose documents has a gold file is said so and fails, as in score.py', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-score-'));
    try {
      const report = path.join(directory, 'report.json');
      fs.writeFileSync(report, JSON.stringify({ documents: [{ file: 'pages/777_nothing.txt', status: 'ok', persons: [] }] }));
      const evaluation = scoreReport(readReport(report), readGoldDirectory(GOLD));
      const expected = scorePy(report, GOLD);
      expect(formatEvaluation(evaluation)).toBe(expected.stdout);
      expect(formatEvaluation(evaluation)).toBe('no report document matched a gold file\n');
      expect(exitStatus(evaluation, null)).toBe(expected.status);
      expect(exitStatus(evaluation, null)).toBe(1);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('what the scorer counts', () => {
  const evaluation = fixtureEvaluation();
  const byGold = (gold: string) => {
    const found = evaluation.documents.find((doc) => doc.gold === gold);
    if (found === undefined) throw new Error(`no document scored against ${gold}`);
    return found;
  };

  test('a document is paired with the gold file of its stem, else seed_<number>; one with neither is not scored', () => {
    expect(evaluation.documents.map((doc) => [path.basename(doc.file), doc.gold])).toEqual([
      ['g01_hcfj.txt', 'g01_hcfj.json'],
      ['g02_yzgsl.html', 'g02_yzgsl.json'],
      ['004_7f3a9c.txt', 'seed_004.json'],
    ]);
    expect(evaluation.matched).toBe(3);
  });

  test('positions match through an organisation alias; an unsplit compound title and a made-up organisation do not', () => {
    // 会长 at 福建商会, 董事长 at 远航科技, 副市长 at 海川市 (aliases), 记者 with no organisation, 主席 at the full-width form.
    expect(byGold('g01_hcfj.json').score.positions).toEqual({ tp: 5, fp: 3, fn: 3 });
  });

  test('an organisation is found through an alias; a boilerplate one is a false positive and counted apart', () => {
    expect(byGold('g01_hcfj.json').score.organisations).toEqual({ tp: 4, fp: 2, fn: 1 });
    expect(byGold('g01_hcfj.json').score.boilerplateOrgsEmitted).toBe(1);
    expect(evaluation.boilerplateOrgsEmitted).toBe(1);
  });

  test('amounts are a multiset of (value to the cent, currency): a third mention of two, or another currency, is extra', () => {
    // 1288.125 is a tie at the cent; Python rounds it to even, 1288.12, which the report gives.
    expect(byGold('g01_hcfj.json').score.amounts).toEqual({ tp: 4, fp: 2, fn: 0 });
  });

  test('a failed document is counted as failed and scores nothing', () => {
    const failed = byGold('g02_yzgsl.json');
    expect(failed.failed).toBe(true);
    expect(evaluation.failed).toBe(1);
    expect(failed.score.persons).toEqual({ tp: 0, fp: 0, fn: 2 });
    expect(failed.score.amounts).toEqual({ tp: 0, fp: 0, fn: 2 });
  });

  test('a named initiative is recalled by a report name of four characters or more inside it', () => {
    expect(byGold('g01_hcfj.json').score.named_initiatives).toEqual({ tp: 2, fp: 0, fn: 0 });
    expect(byGold('seed_004.json').score.named_initiatives).toEqual({ tp: 1, fp: 0, fn: 1 });
  });

  test('title and source compare without punctuation, the source as part of the report’s; a null gold field is always right', () => {
    expect(byGold('g01_hcfj.json').score).toMatchObject({ title: true, date: true, source: true });
    expect(byGold('g02_yzgsl.json').score).toMatchObject({ title: false, date: true, source: false });
    expect(byGold('seed_004.json').score).toMatchObject({ title: true, date: true, source: true });
  });

  test('the headline is the mean F1 of persons, positions and amounts', () => {
    const { persons, positions, amounts } = evaluation.totals;
    expect(evaluation.headline).toBe((persons.f1 + positions.f1 + amounts.f1) / 3);
  });
});

describe('norm', () => {
  test('NFKC folds full-width letters, digits and punctuation to their ASCII forms', () => {
    expect(norm('ＡＢＣ１２３商会')).toBe('ABC123商会');
    expect(norm('叠云（北京）科技')).toBe('叠云北京科技');
    expect(norm('！；～')).toBe('!;~');
  });

  test('quotes, book-title marks, corner brackets, commas, full stops, colons, the enumeration comma, the middle dot and hyphens go', () => {
    expect(norm('“爱心”‘助学’"行动"\'营\'《年鉴》「简报」,，。:：、欧阳·明-一')).toBe('爱心助学行动营年鉴简报欧阳明一');
  });

  test('other punctuation stays: lenticular brackets, dashes, exclamation marks, semicolons', () => {
    expect(norm('【商会】——活动!;')).toBe('【商会】——活动!;');
  });

  test('whitespace is removed as Python sees it: ideographic and no-break spaces, U+0085 and U+001C, but not U+FEFF', () => {
    expect(norm('张\u3000丽\u00a0\t\n\u0085\u001c\u2009华')).toBe('张丽华');
    expect(norm('\ufeff商会')).toBe('\ufeff商会');
  });

  test('nothing gives the empty string; numbers and booleans read as Python prints them', () => {
    expect(norm(null)).toBe('');
    expect(norm(undefined)).toBe('');
    expect(norm(12)).toBe('12');
    expect(norm(true)).toBe('True');
  });

  test('it agrees with score.py on each of these edge cases', () => {
    const cases = [
      'ＡＢＣ１２３', '叠云（北京）', '“三加强”理念', '《民企心声》', '欧阳·明', '张\u3000丽', '\u00a0\u0085\u001c\u001f\u2028\u202f\u205f',
      '\ufeff', '\u200b', '【】—…！？', 'ﾊﾝｶｸ', '①②', '㈱', '澳門幣伍拾萬元正', '\ud83d\ude00',
    ];
    expect(cases.map(norm)).toEqual(python('print(json.dumps([s.norm(x) for x in data]))', cases));
  });
});

describe('Python rounding and formatting', () => {
  const values = [0.125, 0.375, 0.625, 0.875, 2.675, 1.005, 1288.125, 0.0625, 0.5, 1.5, 2.5, -0.125, 0, 1 / 3, 2 / 3, 0.9995, 123456789.125, 1e21, 5e-324];

  test.each([0, 2, 3])('to %i digits, %%.Nf and round(x, N) match Python, ties going to the even digit', (digits) => {
    const expected = python(`print(json.dumps([['%.${digits}f' % x, round(x, ${digits})] for x in data]))`, values) as Array<[string, number]>;
    expect(values.map((x) => [pyFixed(x, digits), pyRound(x, digits)])).toEqual(expected);
  });

  test('a tie rounds to the even digit, unlike toFixed', () => {
    expect(pyFixed(0.125, 2)).toBe('0.12');
    expect((0.125).toFixed(2)).toBe('0.13');
    expect(pyRound(1288.125, 2)).toBe(1288.12);
    expect(pyFixed(-0.0, 2)).toBe('-0.00');
  });
});
