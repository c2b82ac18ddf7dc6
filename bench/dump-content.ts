import fs from 'fs';
import { loadStrapi } from './workers/boot';

/**
 * `node -r esbuild-register bench/dump-content.ts OUT.json` (DATABASE_* as for the server): writes
 * every document of the four newsroom types, draft and published, in a form two imports of the
 * same pages can be compared in with `cmp`: row ids and timestamps dropped, documentIds replaced by
 * import keys, lists of keys sorted. Used to check that a faster write path writes the same content.
 */

const UIDS = ['api::organisation.organisation', 'api::person.person', 'api::initiative.initiative', 'api::news-article.news-article'] as const;

const DROPPED = new Set(['id', 'createdAt', 'updatedAt', 'publishedAt']);

type Attribute = { type: string; component?: string };

const main = async () => {
  const [output] = process.argv.slice(2);
  if (output === undefined) throw new Error('usage: node -r esbuild-register bench/dump-content.ts OUT.json');
  const strapi = await loadStrapi();
  const keyOf = new Map<string, string>();
  for (const uid of UIDS) {
    const rows = (await strapi.db.query(uid).findMany({ select: ['documentId', 'importKey'] })) as Array<{ documentId: string; importKey: string | null }>;
    for (const row of rows) if (row.importKey !== null) keyOf.set(row.documentId, row.importKey);
  }

  const normalise = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      const items = value.map(normalise);
      return items.every((item) => typeof item === 'string') ? [...(items as string[])].sort() : items;
    }
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    // A linked document (only its documentId was asked for) becomes its import key.
    if (typeof record.documentId === 'string' && Object.keys(record).every((key) => key === 'documentId' || DROPPED.has(key))) {
      return keyOf.get(record.documentId) ?? record.documentId;
    }
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(record)) {
      if (DROPPED.has(key)) continue;
      out[key] = key === 'documentId' && typeof field === 'string' ? (keyOf.get(field) ?? field) : normalise(field);
    }
    return out;
  };

  const dump: Record<string, unknown[]> = {};
  for (const uid of UIDS) {
    const populate: Record<string, unknown> = {};
    for (const [name, attribute] of Object.entries(strapi.contentType(uid).attributes as Record<string, Attribute>)) {
      if (attribute.type === 'relation') populate[name] = { fields: ['documentId'] };
      if (attribute.type === 'dynamiczone') populate[name] = { populate: '*' };
      if (attribute.type === 'component' && attribute.component !== undefined) {
        const relations = Object.entries(strapi.components[attribute.component as keyof typeof strapi.components].attributes as Record<string, Attribute>)
          .filter(([, field]) => field.type === 'relation')
          .map(([field]) => [field, { fields: ['documentId'] }]);
        populate[name] = { populate: Object.fromEntries(relations) };
      }
    }
    for (const status of ['draft', 'published'] as const) {
      const documents = await strapi.documents(uid).findMany({ status, locale: 'zh-Hans', populate: populate as never, limit: 1_000_000 });
      dump[`${uid}:${status}`] = documents
        .map(normalise)
        .sort((a, b) => String((a as { importKey?: unknown }).importKey).localeCompare(String((b as { importKey?: unknown }).importKey)));
    }
  }
  fs.writeFileSync(output, JSON.stringify(dump, null, 1));
  await strapi.destroy();
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
