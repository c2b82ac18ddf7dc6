import sharp from 'sharp';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi();
});

afterAll(async () => {
  await app?.stop();
});

test.each([
  ['jpeg', 'image/jpeg'],
  ['png', 'image/png'],
] as const)('an uploaded %s gets thumbnail, small and medium formats', async (format, mime) => {
  const image = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    [format]()
    .toBuffer();
  const fs = require('fs') as typeof import('fs');
  const os = require('os') as typeof import('os');
  const path = require('path') as typeof import('path');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'upload-')), `cover.${format}`);
  fs.writeFileSync(file, image);
  const [uploaded] = await app.strapi.plugin('upload').service('upload').upload({
    data: { fileInfo: { name: `cover.${format}`, alternativeText: '封面' } },
    files: { filepath: file, originalFilename: `cover.${format}`, mimetype: mime, size: image.length },
  });
  expect(Object.keys(uploaded.formats).sort()).toEqual(expect.arrayContaining(['medium', 'small', 'thumbnail']));
  expect(uploaded.formats.small.width).toBe(500);
  expect(uploaded.formats.medium.width).toBe(750);
});
