// Counts SQL statements per Document Service action during an import.
const path = require('path');
const ROOT = path.resolve(__dirname, '..');
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
process.env.STRAPI_LOG_LEVEL = 'warn';
(async () => {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  const counts = new Map(); const times = new Map();
  let label = 'outside';
  const samples = new Map(); strapi.db.connection.on("query", (q) => { counts.set(label, (counts.get(label) ?? 0) + 1); if (label === "outside") { const s = q.sql.slice(0, 140); samples.set(s, (samples.get(s) ?? 0) + 1); } });
  // Registered last, so it runs innermost? record outermost label only
  strapi.documents.use(async (ctx, next) => {
    const prev = label; const mine = `${ctx.uid.split('.').pop()}:${ctx.action}`;
    if (prev === 'outside' || prev === 'load-other') label = mine;
    const t = process.hrtime.bigint();
    try { return await next(); } finally {
      if (label === mine) { times.set(mine, (times.get(mine) ?? 0n) + (process.hrtime.bigint() - t)); }
      label = prev;
    }
  });
  const { runImport } = require(path.join(ROOT, 'dist/src/import/run.js'));
  const t0 = process.hrtime.bigint();
  const report = await runImport({ paths: [process.argv[2]], dryRun: false, publish: process.argv[3] === 'publish', locale: 'zh-Hans', strapi });
  const total = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log('seconds', total.toFixed(2), 'docs', report.summary.documents);
  let sum = 0; for (const v of counts.values()) sum += v;
  console.log('total queries', sum, 'per doc', (sum / report.summary.documents).toFixed(1));
  for (const [k, v] of [...counts.entries()].sort((a, b) => b[1] - a[1])) console.log(k.padEnd(30), String(v).padStart(8), (v / report.summary.documents).toFixed(1).padStart(8), ((Number(times.get(k) ?? 0n)) / 1e9).toFixed(2) + 's');
  for (const [k, v] of [...samples.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(String(v).padStart(7), k);
  await new Promise((r) => setTimeout(r, 2000));
  await strapi.destroy();
})();
