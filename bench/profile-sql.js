// Times SQL statements by shape during an import (dist/ must be compiled).
const path = require('path');
const ROOT = path.resolve(__dirname, '..');
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
process.env.STRAPI_LOG_LEVEL = 'warn';
(async () => {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  const started = new Map(); const stats = new Map();
  const shape = (sql) => sql.replace(/\?(, \?)*/g, '?').replace(/select \? as .*$/s, 'select ... union all').slice(0, 110);
  strapi.db.connection.on('query', (q) => started.set(q.__knexQueryUid, [process.hrtime.bigint(), shape(q.sql)]));
  strapi.db.connection.on('query-response', (_r, q) => { const s = started.get(q.__knexQueryUid); if (!s) return; const e = stats.get(s[1]) ?? { n: 0, t: 0n }; e.n++; e.t += process.hrtime.bigint() - s[0]; stats.set(s[1], e); });
  const { runImport } = require(path.join(ROOT, 'dist/src/import/run.js'));
  const t0 = process.hrtime.bigint();
  const report = await runImport({ paths: [process.argv[2]], dryRun: false, publish: process.argv[3] === 'publish', locale: 'zh-Hans', strapi });
  console.log('seconds', (Number(process.hrtime.bigint() - t0) / 1e9).toFixed(2), 'docs', report.summary.documents);
  let total = 0n, n = 0; for (const e of stats.values()) { total += e.t; n += e.n; }
  console.log('statements', n, 'sql ms', Number(total / 1000000n));
  for (const [k, e] of [...stats.entries()].sort((a, b) => Number(b[1].t - a[1].t)).slice(0, 25)) console.log(String(Number(e.t / 1000000n)).padStart(6), 'ms', String(e.n).padStart(6), k);
  await new Promise((r) => setTimeout(r, 1000));
  await strapi.destroy();
})();
