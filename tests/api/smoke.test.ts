import request from 'supertest';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { seedNewsroom, type Seeded } from '../helpers/seed';

let app: TestApp;
let seeded: Seeded;

beforeAll(async () => {
  app = await startStrapi();
  seeded = await seedNewsroom(app.strapi);
});

afterAll(async () => {
  await app?.stop();
});

test('the article list is public', async () => {
  const response = await request(app.strapi.server.httpServer).get('/api/news-articles');
  console.log(JSON.stringify(response.body, null, 1).slice(0, 4000));
  expect(response.status).toBe(200);
  console.log(seeded);
});
