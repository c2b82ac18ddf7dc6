import { absoluteMediaUrl, pageUrl, type SiteConfig } from './site';

type Named = { documentId?: string; name?: string | null; nameEn?: string | null; website?: string | null };

/** An article as the API returns it; relations are present only when they were populated. */
export type JsonLdArticle = {
  documentId?: string;
  title?: string | null;
  slug?: string | null;
  summary?: string | null;
  locale?: string | null;
  publicationDate?: string | null;
  publishedAt?: string | null;
  updatedAt?: string | null;
  reporter?: string | null;
  cover?: { url?: string | null } | null;
  source?: { publisherName?: string | null; url?: string | null; publisher?: Named | null } | null;
  seo?: { metaTitle?: string | null; metaDescription?: string | null; canonicalUrl?: string | null } | null;
  mentionedPersons?: Named[] | null;
  mentionedOrganisations?: Named[] | null;
};

type Node = Record<string, unknown>;

/** Drops keys whose value is absent, so the document carries no nulls for a consumer to trip on. */
const compact = (node: Node): Node => Object.fromEntries(Object.entries(node).filter(([, value]) => value !== undefined && value !== null && value !== ''));

const present = (value: string | null | undefined): string | undefined => (value === null || value === undefined || value.trim() === '' ? undefined : value.trim());

const person = (record: Named, site: SiteConfig): Node | undefined => {
  const name = present(record.name);
  if (name === undefined) return undefined;
  const url = pageUrl(site.siteUrl, site.personPath, { documentId: record.documentId });
  return compact({ '@type': 'Person', name, alternateName: present(record.nameEn), url });
};

const organisation = (record: Named, site: SiteConfig): Node | undefined => {
  const name = present(record.name);
  if (name === undefined) return undefined;
  const url = pageUrl(site.siteUrl, site.organisationPath, { documentId: record.documentId }) ?? present(record.website);
  return compact({ '@type': 'Organization', name, alternateName: present(record.nameEn), url });
};

/** The publishing organisation: the linked publisher, else the name the source printed. */
const publisherOf = (article: JsonLdArticle, site: SiteConfig): Node | undefined => {
  const linked = article.source?.publisher;
  if (linked !== undefined && linked !== null) return organisation(linked, site);
  const name = present(article.source?.publisherName);
  return name === undefined ? undefined : { '@type': 'Organization', name };
};

/** Reporters are one free-text field; several names are separated by spaces or Chinese commas. */
const reporters = (reporter: string | null | undefined): Node[] =>
  (present(reporter) ?? '')
    .split(/[\s,，、;；/]+/)
    .filter((name) => name !== '')
    .map((name) => ({ '@type': 'Person', name }));

const isNode = (node: Node | undefined): node is Node => node !== undefined;

/**
 * schema.org NewsArticle for an article page (https://schema.org/NewsArticle): author is the
 * reporter, else the publisher; mentions are the linked persons and organisations. It is built
 * only from what the response holds, so it names no record the reader could not read.
 */
export const newsArticleJsonLd = (article: JsonLdArticle, site: SiteConfig): Node => {
  const url =
    present(article.seo?.canonicalUrl) ?? pageUrl(site.siteUrl, site.articlePath, { slug: article.slug, locale: article.locale, documentId: article.documentId });
  const publisher = publisherOf(article, site);
  const authors = reporters(article.reporter);
  const mentions = [
    ...(article.mentionedPersons ?? []).map((record) => person(record, site)),
    ...(article.mentionedOrganisations ?? []).map((record) => organisation(record, site)),
  ].filter(isNode);
  return compact({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: present(article.title) ?? present(article.seo?.metaTitle),
    description: present(article.seo?.metaDescription) ?? present(article.summary),
    datePublished: present(article.publicationDate) ?? present(article.publishedAt),
    dateModified: present(article.updatedAt),
    inLanguage: present(article.locale),
    url,
    mainEntityOfPage: url === undefined ? undefined : { '@type': 'WebPage', '@id': url },
    image: absoluteMediaUrl(article.cover?.url, site.publicUrl),
    author: authors.length > 0 ? authors : publisher === undefined ? undefined : [publisher],
    publisher,
    mentions: mentions.length > 0 ? mentions : undefined,
  });
};
