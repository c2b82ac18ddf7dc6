import fs from 'fs';
import os from 'os';
import path from 'path';
import { RULES_VERSION, rulesVersionOf } from '../../../src/import/rules-version';

const SOURCE = path.resolve(__dirname, '..', '..', '..', 'src', 'import');

/** A copy of the importer's sources to change without touching the real ones. */
const copyOfSources = (): string => {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-version-'));
  fs.cpSync(SOURCE, target, { recursive: true });
  return target;
};

describe('the rules version', () => {
  let copy: string;
  beforeEach(() => {
    copy = copyOfSources();
  });
  afterEach(() => fs.rmSync(copy, { recursive: true, force: true }));

  test('is the version of the running rules, and the same for an identical copy of them', () => {
    expect(rulesVersionOf(SOURCE)).toBe(RULES_VERSION);
    expect(rulesVersionOf(copy)).toBe(RULES_VERSION);
  });

  test('changes when a lexicon gains an entry', () => {
    const lexicon = path.join(copy, 'extraction', 'lexicon', 'titles.ts');
    fs.writeFileSync(lexicon, fs.readFileSync(lexicon, 'utf8').replace("'会长',", "'会长', '会监',"));
    expect(rulesVersionOf(copy)).not.toBe(RULES_VERSION);
  });

  test('changes when a pass of the grammar changes', () => {
    const pass = path.join(copy, 'extraction', 'appositions.ts');
    fs.appendFileSync(pass, '\n// a changed rule\n');
    expect(rulesVersionOf(copy)).not.toBe(RULES_VERSION);
  });

  test('does not change when only the writing of records changes', () => {
    const load = path.join(copy, 'load.ts');
    fs.appendFileSync(load, '\n// a change in how records are written\n');
    expect(rulesVersionOf(copy)).toBe(RULES_VERSION);
  });
});
