import type { ArticleBySlugQuery, OrganisationPageQuery, PersonPageQuery } from '../gql/graphql';
import { ARTICLE_UID, PERSON_UID, listTag } from './page-cache';

/**
 * Page data shaped for the templates. The shaping lives here, in TypeScript the type check covers,
 * so the .astro files only print it.
 */

export type Article = NonNullable<ArticleBySlugQuery['newsArticles'][number]>;
export type Organisation = NonNullable<OrganisationPageQuery['organisation']>;
export type Person = NonNullable<PersonPageQuery['person']>;

type Dated = { startDate: string | null; endDate: string | null };

/** "2019-01-01 – 2022-12-31", "2019-01-01 –" or "" for a position without dates. */
export const period = ({ startDate, endDate }: Dated): string =>
  startDate === null && endDate === null ? '' : `${startDate ?? ''} – ${endDate ?? ''}`.trim();

/** Lists can hold nulls for records the reader may not see (a link to a draft); a page shows the rest. */
export const present = <T>(items: ReadonlyArray<T | null>): T[] => items.filter((item): item is T => item !== null);

export type ArticleLink = { documentId: string; title: string; slug: string; publicationDate: string | null };

/** Articles with a slug (every published one has), newest first, each once. */
export const articleLinks = (items: ReadonlyArray<{ documentId: string; title: string; slug: string | null; publicationDate: string | null } | null>): ArticleLink[] => {
  const seen = new Set<string>();
  const links: ArticleLink[] = [];
  for (const item of present(items)) {
    if (item.slug === null || seen.has(item.documentId)) continue;
    seen.add(item.documentId);
    links.push({ ...item, slug: item.slug });
  }
  return links;
};

/** Every record an article page shows, so a change to any of them purges the page. */
export const articleTags = (article: Article): string[] => {
  const tags = new Set<string>([article.documentId]);
  const publisher = article.source?.publisher;
  if (publisher !== null && publisher !== undefined) tags.add(publisher.documentId);
  for (const person of present(article.mentionedPersons)) {
    tags.add(person.documentId);
    for (const position of present(person.positions ?? [])) if (position.organisation !== null) tags.add(position.organisation.documentId);
  }
  for (const quote of present(article.quotes ?? [])) if (quote.speaker !== null) tags.add(quote.speaker.documentId);
  for (const organisation of present(article.mentionedOrganisations)) tags.add(organisation.documentId);
  return [...tags];
};

/** The people an organisation page lists, each with the positions they hold in that organisation. */
export const organisationPeople = (organisation: Organisation) =>
  present(organisation.people).map((person) => ({
    ...person,
    positions: present(person.positions ?? []).filter((position) => position.organisation?.documentId === organisation.documentId),
  }));

export const organisationTags = (organisation: Organisation): string[] => [organisation.documentId, listTag(ARTICLE_UID), listTag(PERSON_UID)];

export const personTags = (person: Person): string[] => {
  const tags = new Set<string>([person.documentId, listTag(ARTICLE_UID)]);
  for (const position of present(person.positions ?? [])) if (position.organisation !== null) tags.add(position.organisation.documentId);
  return [...tags];
};

/**
 * A search snippet as HTML. The API's contract: plain text, HTML-escaped, with only <mark> and
 * </mark> inserted. Anything else that looks like a tag is escaped here anyway, so a broken API
 * cannot inject markup into the page.
 */
export const snippetHtml = (snippet: string): string =>
  snippet
    .split(/(<\/?mark>)/)
    .map((part) => (part === '<mark>' || part === '</mark>' ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
