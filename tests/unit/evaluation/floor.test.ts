import fs from 'fs';
import path from 'path';
import { HEADLINE_FLOORS } from '../../../src/import/evaluation/floors';
import { evaluateSet, evaluationSets, SET_NAMES } from '../../../src/import/evaluation/sets';

const sets = evaluationSets(path.resolve(__dirname, '..', '..', '..'));

const pageCount = (directory: string) => fs.readdirSync(directory).filter((name) => /\.(?:txt|html?)$/.test(name)).length;

describe.each(SET_NAMES)('the importer dry run on the %s set', (name) => {
  test('scores every page against its gold file', async () => {
    const { evaluation } = await evaluateSet(sets[name]);
    expect(evaluation.matched).toBe(pageCount(sets[name].pages));
  });

  test(`keeps its headline F1 at or above the floor (${HEADLINE_FLOORS[name]})`, async () => {
    const { evaluation } = await evaluateSet(sets[name]);
    expect(evaluation.headline).toBeGreaterThanOrEqual(HEADLINE_FLOORS[name]);
  });
});
