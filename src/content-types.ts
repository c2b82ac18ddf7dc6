/**
 * The newsroom's content types, named once. Everything that names one of them (the importer, the
 * review queue, the caches, GraphQL, the document middlewares) imports it from here.
 */
export const ARTICLE = 'api::news-article.news-article';
export const ORGANISATION = 'api::organisation.organisation';
export const PERSON = 'api::person.person';
export const INITIATIVE = 'api::initiative.initiative';

/** The four types a frontend reads (src/documents/publish-order.ts has the order they publish in). */
export const NEWSROOM_TYPES = [ARTICLE, ORGANISATION, PERSON, INITIATIVE] as const;

export type NewsroomType = (typeof NEWSROOM_TYPES)[number];

export const isNewsroomType = (uid: string): uid is NewsroomType => (NEWSROOM_TYPES as readonly string[]).includes(uid);
