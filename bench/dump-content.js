// `node bench/dump-content.js OUT.json` (DATABASE_* as for the server): dumps every document of the
// four newsroom types through the Document Service in a form two imports can be compared in: row ids
// and timestamps dropped, documentIds replaced by import keys, lists of keys sorted.
const path = require('path');
const ROOT = path.resolve(__dirname, '..');
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
process.env.STRAPI_LOG_LEVEL = 'error';
const UIDS = ['api::organisation.organisation', 'api::person.person', 'api::initiative.initiative', 'api::news-article.news-article'];
(async () => {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  const keyOf = new Map();
  for (const uid of UIDS) for (const row of await strapi.db.query(uid).findMany({ select: ['documentId', 'importKey'] })) keyOf.set(row.documentId, row.importKey);
  const norm = (value) => {
    if (Array.isArray(value)) { const items = value.map(norm); return items.every((i) => typeof i === 'string') ? items.sort() : items; }
    if (value && typeof value === 'object') {
      if (typeof value.documentId === 'string' && Object.keys(value).length <= 3 && !('title' in value && 'body' in value)) return keyOf.get(value.documentId) ?? value.documentId;
      const out = {};
      for (const [k, v] of Object.entries(value)) { if (['id', 'createdAt', 'updatedAt', 'publishedAt'].includes(k)) continue; out[k] = k === 'documentId' ? keyOf.get(v) ?? v : norm(v); }
      return out;
    }
    return value;
  };
  const out = {};
  for (const uid of UIDS) for (const status of ['draft', 'published']) {
    const populate = {};
    for (const [name, a] of Object.entries(strapi.contentType(uid).attributes)) {
      if (a.type === 'relation') populate[name] = { fields: ['documentId'] };
      if (a.type === 'component') populate[name] = { populate: Object.fromEntries(Object.entries(strapi.components[a.component].attributes).filter(([, c]) => c.type === 'relation').map(([n]) => [n, { fields: ['documentId'] }])) };
      if (a.type === 'dynamiczone') populate[name] = { populate: '*' };
    }
    const docs = await strapi.documents(uid).findMany({ status, locale: 'zh-Hans', populate, limit: 100000 });
    out[`${uid}:${status}`] = docs.map(norm).sort((a, b) => String(a.importKey).localeCompare(String(b.importKey)));
  }
  require('fs').writeFileSync(process.argv[2], JSON.stringify(out, null, 1));
  await strapi.destroy();
})();
