/**
 * Compiles src/ and config/ into dist/ when a source file is newer than its output, so commands
 * that boot Strapi in-process (the importer, the benchmark) start at once when nothing changed.
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

const newestMtime = (directory, test) => {
  let newest = 0;
  if (!fs.existsSync(directory)) return newest;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    // src/admin is bundled by the admin build, not compiled into dist/.
    if (entry.isDirectory() && file !== path.join(ROOT, 'src', 'admin')) newest = Math.max(newest, newestMtime(file, test));
    else if (test(entry.name)) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
};

/** Compiling takes seconds; skip it when dist/ is newer than every source file. */
const isCompiled = () => {
  const sources = Math.max(...['src', 'config', 'database'].map((dir) => newestMtime(path.join(ROOT, dir), (name) => /\.(ts|json)$/.test(name))));
  const compiled = Math.max(...['src', 'config', 'database'].map((dir) => newestMtime(path.join(ROOT, 'dist', dir), (name) => name.endsWith('.js'))));
  return compiled > 0 && compiled >= sources;
};

const ensureCompiled = async () => {
  if (isCompiled()) return { appDir: ROOT, distDir: path.join(ROOT, 'dist') };
  // TypeScript diagnostics and progress go to stderr so stdout stays data only.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => process.stderr.write(chunk, ...rest);
  try {
    const { compileStrapi } = require('@strapi/strapi');
    return await compileStrapi({ appDir: ROOT });
  } finally {
    process.stdout.write = write;
  }
};

module.exports = { ensureCompiled, ROOT };
