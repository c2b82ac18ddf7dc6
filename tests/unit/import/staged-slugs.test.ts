import type { Core } from '@strapi/strapi';
import { isStagedSlug, openStagedSlugs } from '../../../src/documents/importer-writes';
import { ARTICLE } from '../../../src/content-types';

// Only the identity of a Strapi matters here: it keys the writers open on it.
const aStrapi = (): Core.Strapi => ({}) as Core.Strapi;

test('a slug one writer staged is taken for every other writer of the same Strapi until its transaction is over', () => {
  const strapi = aStrapi();
  const first = openStagedSlugs(strapi);
  const second = openStagedSlugs(strapi);
  first.stage(ARTICLE, 'zh-Hans', 'annual-meeting');
  second.stage(ARTICLE, 'zh-Hans', 'training');
  expect(isStagedSlug(strapi, ARTICLE, 'zh-Hans', 'annual-meeting')).toBe(true);
  expect(isStagedSlug(strapi, ARTICLE, 'zh-Hans', 'training')).toBe(true);
  // A new writer no longer clears what another writer staged.
  openStagedSlugs(strapi);
  expect(isStagedSlug(strapi, ARTICLE, 'zh-Hans', 'annual-meeting')).toBe(true);
  first.release();
  expect(isStagedSlug(strapi, ARTICLE, 'zh-Hans', 'annual-meeting')).toBe(false);
  expect(isStagedSlug(strapi, ARTICLE, 'zh-Hans', 'training')).toBe(true);
  second.release();
  expect(isStagedSlug(strapi, ARTICLE, 'zh-Hans', 'training')).toBe(false);
});

test('staged slugs are per locale and per Strapi', () => {
  const strapi = aStrapi();
  const writer = openStagedSlugs(strapi);
  writer.stage(ARTICLE, 'zh-Hans', 'donation');
  expect(isStagedSlug(strapi, ARTICLE, 'en', 'donation')).toBe(false);
  expect(isStagedSlug(aStrapi(), ARTICLE, 'zh-Hans', 'donation')).toBe(false);
});
