import fs from 'fs';
import path from 'path';
import { startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { rest } from '../helpers/http';
import { waitForJob } from '../helpers/import-jobs';
import { ARTICLE } from '../../src/content-types';

const BODY_ONLY = path.resolve(__dirname, '..', 'fixtures', 'pages', 'body-only.txt');
const TITLE = '青禾市餐饮商会第三届会员大会在青禾宾馆召开';

let app: TestApp;
let adminToken: string;

beforeAll(async () => {
  ({ app, adminToken } = await startStrapiWithAdmin());
});

afterAll(async () => {
  await app?.stop();
});

type DocumentEntry = { file: string; status: string; article?: { title: string; source: string | null }; needsReview: string[]; warnings: string[] };

test('a page that prints no headline is imported as an article titled from its first sentence and flagged for review with the reason', async () => {
  const response = await rest(app.strapi)
    .post('/newsroom-import/run')
    .set('Authorization', `Bearer ${adminToken}`)
    .attach('files', fs.readFileSync(BODY_ONLY), 'body-only.txt')
    .expect(202);
  const { job } = await waitForJob({ server: app.strapi.server.httpServer, token: adminToken }, response.body.data.id);
  const [doc] = (job.report?.documents ?? []) as DocumentEntry[];
  expect(doc).toMatchObject({ status: 'ok', article: { title: TITLE, source: '云州日报' } });
  expect(doc.needsReview).toContain(`标题由正文生成：「${TITLE}」`);
  expect(doc.warnings).toContain('the page looks truncated: its text stops mid-sentence ("…院签订了人才培养协议，部分企业")');

  const stored = await app.strapi.db.query(ARTICLE).findMany({ where: { title: TITLE }, select: ['title', 'needsReview', 'reviewReason'] });
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ title: TITLE, needsReview: true });
  expect(stored[0].reviewReason).toContain(`标题由正文生成：「${TITLE}」`);
});
