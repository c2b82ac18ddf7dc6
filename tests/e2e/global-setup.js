/**
 * The browser tests need the admin panel built and the example site's packages installed. Building
 * takes about a minute, so it is skipped when dist/build is newer than every admin source file.
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

/**
 * The example site (examples/site) has packages of its own. CI installs them (.ci/run); a developer's
 * first `npm test` does here, and again whenever its lock file is newer than the install.
 */
const installSite = () => {
  const site = path.join(ROOT, 'examples', 'site');
  const marker = path.join(site, 'node_modules', '.package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(path.join(site, 'package-lock.json')).mtimeMs) return;
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: site, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm install in examples/site failed (exit ${result.status})`);
};

module.exports = async () => {
  installSite();
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
