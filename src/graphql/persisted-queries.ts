import crypto from 'crypto';
import { Kind, parse, type DefinitionNode, type OperationDefinitionNode } from 'graphql';

/**
 * The queries a CDN may cache: GraphQL over GET runs only these, named by `queryId` (the name, or the
 * SHA-256 of the text as Apollo's persisted-query link sends it). Every other query goes by POST.
 * A frontend adds the queries its pages need here, in review, like any other change to the API.
 *
 * Each entry is one named query operation whose name is its key; mutations cannot be listed.
 */
export const PERSISTED_QUERIES: Record<string, string> = {
  ArticleList: `query ArticleList($locale: I18NLocaleCode, $page: Int = 1, $pageSize: Int = 25) {
  newsArticles(locale: $locale, sort: ["publicationDate:desc", "publishedAt:desc"], pagination: { page: $page, pageSize: $pageSize }) {
    documentId title slug summary publicationDate locale
    source { publisherName publisher { documentId name } }
  }
}`,
  ArticleBySlug: `query ArticleBySlug($slug: String!, $locale: I18NLocaleCode) {
  newsArticles(locale: $locale, filters: { slug: { eq: $slug } }) {
    documentId title slug summary publicationDate locale reporter jsonLd
    source { publisherName url publisher { documentId name kind } }
    body
    quotes { text speakerTitle speaker { documentId name } }
    amounts { value currency approximate text }
    mentionedOrganisations { documentId name kind }
    mentionedPersons { documentId name nameEn positions { title organisation { documentId name } } }
    seo { metaTitle metaDescription canonicalUrl }
  }
}`,
  Organisation: `query Organisation($documentId: ID!) {
  organisation(documentId: $documentId) {
    documentId name nameEn kind region website description
    people { documentId name positions { title organisation { documentId } } }
  }
}`,
  Person: `query Person($documentId: ID!) {
  person(documentId: $documentId) {
    documentId name nameEn biography
    positions { title startDate endDate organisation { documentId name } }
  }
}`,
};

export type PersistedQuery = { name: string; query: string; sha256: string };

const isOperation = (definition: DefinitionNode): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION;

/** The allow-list by name and by hash; throws at boot on an entry that is not one named query. */
export const buildAllowList = (queries: Record<string, string>): Map<string, PersistedQuery> => {
  const byId = new Map<string, PersistedQuery>();
  for (const [name, query] of Object.entries(queries)) {
    const operations = parse(query).definitions.filter(isOperation);
    if (operations.length !== 1 || operations[0].operation !== 'query' || operations[0].name?.value !== name) {
      throw new Error(`Persisted query ${name} must be exactly one query operation named ${name}`);
    }
    const entry = { name, query, sha256: crypto.createHash('sha256').update(query).digest('hex') };
    byId.set(name, entry);
    byId.set(entry.sha256, entry);
  }
  return byId;
};

/** What a GraphQL GET names: `queryId`, or Apollo's `extensions={"persistedQuery":{"sha256Hash":...}}`. */
export const requestedQueryId = (query: Record<string, unknown>): string | undefined => {
  if (typeof query.queryId === 'string') return query.queryId;
  if (typeof query.extensions !== 'string') return undefined;
  try {
    const extensions = JSON.parse(query.extensions) as { persistedQuery?: { sha256Hash?: unknown } };
    const hash = extensions.persistedQuery?.sha256Hash;
    return typeof hash === 'string' ? hash : undefined;
  } catch {
    return undefined;
  }
};
