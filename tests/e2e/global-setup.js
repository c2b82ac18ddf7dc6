/**
 * The browser tests need the admin panel built. Building takes about a minute, so it is skipped
 * when dist/build is newer than every admin source file.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

const newest = (directory) => {
  let time = 0;
  if (!fs.existsSync(directory)) return time;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(file) : fs.statSync(file).mtimeMs);
  }
  return time;
};

module.exports = async () => {
  const index = path.join(ROOT, 'dist', 'build', 'index.html');
  const sources = Math.max(newest(path.join(ROOT, 'src')), newest(path.join(ROOT, 'config')), fs.statSync(path.join(ROOT, 'package.json')).mtimeMs);
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > sources) return;
  const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'strapi'), ['build'], {
    cwd: ROOT,
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`strapi build failed (exit ${result.status})`);
};
