import fs from 'fs';
import os from 'os';
import path from 'path';
import { sanitize } from '@strapi/utils';
import { writeCorpus } from '../../bench/corpus';
import { startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { rest } from '../helpers/http';
import { startWebhookReceiver, type Receipt, type WebhookReceiver } from '../helpers/webhooks';
import { INITIATIVE } from '../helpers/seed';
import { runImport } from '../helpers/importer';
import { eventPopulate } from '../../src/documents/event-reads';

/**
 * Strapi's own document events, for a record that many articles mention: an editor saves and
 * publishes it in the admin, and a webhook receiver on a local port gets the entry with every
 * article that mentions it, as Strapi builds that payload. The read behind it takes only the columns
 * the payload keeps (src/documents/event-reads.ts), not the articles' page text and the importer's
 * evidence, which the sanitizer would throw away.
 */

let app: TestApp;
let adminToken: string;
let receiver: WebhookReceiver;
let corpus: string;

beforeAll(async () => {
  ({ app, adminToken } = await startStrapiWithAdmin());
  receiver = await startWebhookReceiver(app.strapi, adminToken, { events: ['entry.update', 'entry.publish'] });
  corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'document-events-'));
  writeCorpus(corpus, 60, 7);
  const report = await runImport({ paths: [corpus], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi });
  expect(report.summary.failed).toBe(0);
});

afterAll(async () => {
  await receiver?.close();
  await app?.stop();
  if (corpus !== undefined) fs.rmSync(corpus, { recursive: true, force: true });
});

/** The initiative most articles mention, by the link table. */
const mostMentioned = async (): Promise<{ documentId: string; articles: number }> => {
  const rows = (await app.strapi.db
    .connection('initiatives as i')
    .join('news_articles_mentioned_initiatives_lnk as l', 'l.initiative_id', 'i.id')
    .whereNull('i.published_at')
    .groupBy('i.document_id')
    .select('i.document_id')
    .count({ articles: 'l.news_article_id' })
    .orderBy('articles', 'desc')
    .limit(1)) as Array<{ document_id: string; articles: number | string }>;
  return { documentId: rows[0].document_id, articles: Number(rows[0].articles) };
};

/** What Strapi's event would carry, read the way core reads it (every column of every relation) and sanitized by Strapi. */
const strapisPayload = async (id: number): Promise<unknown> => {
  // findMany, not findOne: the narrowing applies to core's event read alone, and this is the reference it is held to.
  const [entry] = await app.strapi.db.query(INITIATIVE).findMany({ where: { id }, populate: eventPopulate(app.strapi, INITIATIVE) as never });
  const schema = app.strapi.getModel(INITIATIVE);
  const sanitized = await sanitize.sanitizers.defaultSanitizeOutput({ schema: schema as never, getModel: (uid: string) => app.strapi.getModel(uid as never) as never }, entry as never);
  return JSON.parse(JSON.stringify(sanitized)) as unknown;
};

test('an editor’s save and publish of a record many articles mention sends webhooks with the payload Strapi builds, read without the articles’ private columns', async () => {
  const { documentId, articles } = await mostMentioned();
  expect(articles).toBeGreaterThan(3);
  await receiver.settled();
  const statements: string[] = [];
  let ours = true;
  const listen = (query: { sql: string }): void => {
    if (ours) statements.push(query.sql);
  };
  // Each event is held to Strapi's read as soon as it arrives: the publish touches the draft again.
  const heard = async (event: string): Promise<{ entry: Receipt['entry']; strapis: unknown }> => {
    const receipt = (await receiver.settled()).find((item) => item.event === event && item.entry.documentId === documentId);
    expect(receipt).toBeDefined();
    // The reference read takes every column by design: it is not the app's.
    ours = false;
    const strapis = await strapisPayload(Number(receipt?.entry.id));
    ours = true;
    return { entry: receipt?.entry as Receipt['entry'], strapis };
  };
  const base = `/content-manager/collection-types/${INITIATIVE}/${documentId}`;
  const draft = await rest(app.strapi).get(base).set('Authorization', `Bearer ${adminToken}`).expect(200);
  app.strapi.db.connection.on('query', listen);
  const sent: Array<{ entry: Receipt['entry']; strapis: unknown }> = [];
  try {
    await rest(app.strapi)
      .put(base)
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ ...draft.body.data, description: '编辑补充的活动说明。' })
      .expect(200);
    sent.push(await heard('entry.update'));
    await rest(app.strapi).post(`${base}/actions/publish`).set('Authorization', `Bearer ${adminToken}`).send({}).expect(200);
    sent.push(await heard('entry.publish'));
  } finally {
    app.strapi.db.connection.off('query', listen);
  }
  expect(sent[0].entry.description).toBe('编辑补充的活动说明。');
  expect(sent[1].entry.publishedAt).toEqual(expect.any(String));
  for (const { entry, strapis } of sent) {
    // The articles come with the fields a frontend reads, and with nothing private.
    const mentioned = (entry.mentionedInArticles ?? []) as Array<Record<string, unknown>>;
    expect(mentioned).toHaveLength(articles);
    expect(mentioned.every((article) => typeof article.title === 'string' && typeof article.slug === 'string')).toBe(true);
    expect(entry).toEqual(strapis);
  }
  const readsOfArticles = statements.filter((sql) => /from (?:[`"]\w+[`"]\.)?[`"]news_articles[`"]/i.test(sql));
  expect(readsOfArticles.length).toBeGreaterThan(0);
  // No read of the articles took their private columns: neither every column nor a private one by name.
  expect(readsOfArticles.filter((sql) => /[`"]t\d+[`"]\.\*|import_evidence|raw_text/.test(sql))).toEqual([]);
});
