import type { Core } from '@strapi/strapi';
import { ARTICLE, INITIATIVE, ORGANISATION, PERSON } from '../../src/content-types';

// The tests name the types as the app does.
export { ARTICLE, INITIATIVE, ORGANISATION, PERSON };

export type Seeded = {
  organisation: string;
  company: string;
  person: string;
  initiative: string;
  article: string;
  articleSlug: string;
  draftArticle: string;
  draftPerson: string;
};

/**
 * A small newsroom: a chamber and a company, a person who holds a position in each, an initiative
 * organised by the chamber, a published article that links all of them, and drafts that must never
 * reach the public.
 */
export const seedNewsroom = async (strapi: Core.Strapi): Promise<Seeded> => {
  const docs = strapi.documents;
  const organisation = await docs(ORGANISATION).create({
    data: { name: '海川市青年企业家商会', kind: 'chamber_of_commerce', aliases: ['青商会'], region: '海川市', importKey: 'org:secret-key' },
  });
  const company = await docs(ORGANISATION).create({ data: { name: '海川远航科技有限公司', kind: 'company' } });
  const person = await docs(PERSON).create({
    data: {
      name: '林若溪',
      positions: [
        { title: '常务副会长', organisation: organisation.documentId },
        { title: '董事长', organisation: company.documentId },
      ],
      importKey: 'person:secret-key',
    },
  });
  const draftPerson = await docs(PERSON).create({ data: { name: '草稿人物' } });
  const initiative = await docs(INITIATIVE).create({
    data: {
      name: '青商助学行动',
      kind: 'donation',
      organisers: [organisation.documentId],
      people: [person.documentId],
      amounts: [{ value: 510000, currency: 'CNY', approximate: true, text: '51万余元' }],
    },
  });
  for (const uid of [ORGANISATION, PERSON, INITIATIVE] as const) {
    for (const documentId of [organisation.documentId, company.documentId, person.documentId, initiative.documentId]) {
      const exists = await docs(uid).findOne({ documentId });
      if (exists !== null) await docs(uid).publish({ documentId });
    }
  }
  const article = await docs(ARTICLE).create({
    locale: 'zh-Hans',
    data: {
      title: '海川市青年企业家商会举行助学捐赠仪式',
      summary: '商会会员捐款51万余元。',
      publicationDate: '2021-03-15',
      body: [
        { type: 'paragraph', children: [{ type: 'text', text: '商会会员踊跃捐款。' }] },
        { type: 'heading', level: 2, children: [{ type: 'text', text: '捐赠仪式' }] },
        // A photo caption whose photo is not in the media library, as the importer writes one.
        { type: 'paragraph', children: [{ type: 'text', text: '捐赠仪式现场', italic: true }] },
      ],
      source: { publisherName: '海川商会网', publisher: organisation.documentId, url: 'https://example.org/news/1' },
      quotes: [{ text: '助学是我们的责任。', speaker: person.documentId, speakerTitle: '常务副会长' }],
      amounts: [{ value: 510000, currency: 'CNY', approximate: true, text: '51万余元' }],
      mentionedOrganisations: [organisation.documentId, company.documentId],
      mentionedPersons: [person.documentId],
      mentionedInitiatives: [initiative.documentId],
      seo: { metaTitle: '助学捐赠', metaDescription: '商会助学' },
      rawText: 'RAW-SECRET-TEXT',
      contentHash: 'HASH-SECRET',
      importKey: 'IMPORT-KEY-SECRET',
      needsReview: true,
      reviewReason: 'REVIEW-SECRET',
    },
  });
  await docs(ARTICLE).publish({ documentId: article.documentId, locale: 'zh-Hans' });
  const draftArticle = await docs(ARTICLE).create({
    locale: 'zh-Hans',
    data: { title: '尚未审核的草稿新闻', mentionedPersons: [person.documentId], rawText: 'DRAFT-RAW' },
  });
  const published = await docs(ARTICLE).findOne({ documentId: article.documentId, locale: 'zh-Hans', status: 'published' });
  return {
    organisation: organisation.documentId,
    company: company.documentId,
    person: person.documentId,
    initiative: initiative.documentId,
    article: article.documentId,
    articleSlug: String(published?.slug),
    draftArticle: draftArticle.documentId,
    draftPerson: draftPerson.documentId,
  };
};

/**
 * Removes every article, organisation, person and initiative (their link rows go with them, by the
 * join tables' cascades) and moves the content version on, so a test that needs an empty newsroom
 * has one whatever ran before it, and no cached public response outlives the rows.
 */
export const clearNewsroom = async (strapi: Core.Strapi): Promise<void> => {
  for (const uid of [ARTICLE, INITIATIVE, PERSON, ORGANISATION] as const) await strapi.db.query(uid).deleteMany({});
  await strapi.db.connection('newsroom_content_version').where({ id: 1 }).increment('version', 1);
};
