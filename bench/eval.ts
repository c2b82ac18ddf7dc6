import fs from 'fs';
import path from 'path';
import { parseArgs } from 'util';
import { HEADLINE_FLOORS } from '../src/import/evaluation/floors';
import { formatEvaluation } from '../src/import/evaluation/score';
import { evaluateSet, evaluationSets, SET_NAMES, type SetName, type SetResult } from '../src/import/evaluation/sets';
import { pyFixed } from '../src/import/evaluation/python';

/**
 * `npm run eval`: how well the importer extracts what an editor would, page by page. Runs the
 * importer's dry run over each evaluation set and scores the report against the gold files with the
 * port of data/eval/corpus/score.py, printing exactly what score.py prints for that report.
 */

const USAGE = `Usage: npm run eval -- [--set corpus|bundled] [--report DIR] [--min-f1 X]

  --set NAME     evaluate one set only (default: both)
  --report DIR   write each set's dry-run report to DIR/<set>.json (the JSON npm run import --report writes),
                 so that python3 data/eval/corpus/score.py DIR/corpus.json data/eval/corpus/gold can check it
  --min-f1 X     exit 1 when the corpus headline F1 is below X

Exit codes: 0 done, 1 the corpus headline is below --min-f1, 2 usage error, 3 the run broke.`;

type Options = { sets: SetName[]; reportDir: string | null; minF1: number | null };

const parseOptions = (argv: string[]): Options | { error: string } | { help: true } => {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { set: { type: 'string' }, report: { type: 'string' }, 'min-f1': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (values.help === true) return { help: true };
  const set = values.set;
  if (set !== undefined && !(SET_NAMES as readonly string[]).includes(set)) return { error: `--set takes ${SET_NAMES.join(' or ')}, not ${set}` };
  const minF1 = values['min-f1'] === undefined ? null : Number(values['min-f1']);
  if (minF1 !== null && !Number.isFinite(minF1)) return { error: `--min-f1 takes a number, not ${values['min-f1']}` };
  const sets = set === undefined ? [...SET_NAMES] : [set as SetName];
  if (minF1 !== null && !sets.includes('corpus')) return { error: '--min-f1 applies to the corpus set, which --set leaves out' };
  return { sets, reportDir: values.report ?? null, minF1 };
};

const relative = (file: string): string => path.relative(process.cwd(), file) || '.';

const summaryLine = ({ set, report, evaluation }: SetResult): string => {
  const { totals, headline } = evaluation;
  if (headline === null) return `${set.name.padEnd(8)} no page of ${relative(set.pages)} has a gold file in ${relative(set.gold)}`;
  const f1 = (value: number) => pyFixed(value, 3);
  return (
    `${set.name.padEnd(8)} headline F1 ${f1(headline)} over ${evaluation.matched} pages ` +
    `(persons ${f1(totals.persons.f1)}, positions ${f1(totals.positions.f1)}, amounts ${f1(totals.amounts.f1)}); ` +
    `${report.summary.failed} refused; floor ${pyFixed(HEADLINE_FLOORS[set.name], 2)}${headline < HEADLINE_FLOORS[set.name] ? ', BELOW IT' : ''}`
  );
};

const main = async (argv: string[]): Promise<number> => {
  const options = parseOptions(argv);
  if ('help' in options) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if ('error' in options) {
    process.stderr.write(`eval: ${options.error}\n\n${USAGE}\n`);
    return 2;
  }
  // Relative to where it runs, so the report names pages as `npm run import` run there would.
  const sets = evaluationSets(relative(path.resolve(__dirname, '..')));
  const results: SetResult[] = [];
  for (const name of options.sets) {
    const result = await evaluateSet(sets[name]);
    results.push(result);
    process.stdout.write(`== ${name}: ${relative(result.set.pages)} scored against ${relative(result.set.gold)}\n`);
    process.stdout.write(`${formatEvaluation(result.evaluation)}\n`);
    if (options.reportDir !== null) {
      fs.mkdirSync(options.reportDir, { recursive: true });
      const file = path.join(options.reportDir, `${name}.json`);
      fs.writeFileSync(file, `${JSON.stringify(result.report, null, 2)}\n`);
      process.stderr.write(`Report written to ${file}\n`);
    }
  }
  process.stdout.write(`Summary (headline F1 = mean F1 of persons, positions and amounts)\n${results.map(summaryLine).join('\n')}\n`);
  const corpus = results.find((result) => result.set.name === 'corpus');
  const headline = corpus?.evaluation.headline ?? null;
  if (options.minF1 !== null && (headline === null || headline < options.minF1)) {
    const shown = headline === null ? 'is missing (no page matched a gold file)' : `${pyFixed(headline, 3)} is below`;
    process.stderr.write(`eval: the corpus headline F1 ${shown} --min-f1 ${options.minF1}\n`);
    return 1;
  }
  return 0;
};

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`eval: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(3);
  }
);
