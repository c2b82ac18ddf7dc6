import { graphql } from '../gql';

/**
 * The site's queries. `npm run codegen` reads them from here and generates their result and
 * variable types into src/gql/, so a page that reads a field the query does not select, or a field
 * the API does not have, fails the build's type check.
 *
 * Every list passes its own page size: nested GraphQL lists are cut at the API's default page size
 * (25) without saying so.
 */

export const LOCALE = 'zh-Hans';

export const HomeArticlesQuery = graphql(`
  query HomeArticles($locale: I18NLocaleCode, $pageSize: Int!) {
    newsArticles(locale: $locale, sort: ["publicationDate:desc", "publishedAt:desc"], pagination: { pageSize: $pageSize }) {
      documentId
      title
      slug
      summary
      publicationDate
      source {
        publisherName
      }
    }
  }
`);

export const ArticleBySlugQuery = graphql(`
  query ArticleBySlug($slug: String!, $locale: I18NLocaleCode) {
    newsArticles(locale: $locale, filters: { slug: { eq: $slug } }, pagination: { pageSize: 1 }) {
      documentId
      title
      slug
      summary
      publicationDate
      reporter
      source {
        publisherName
        url
        publisher {
          documentId
          name
        }
      }
      body
      mentionedPersons(pagination: { pageSize: 100 }) {
        documentId
        name
        nameEn
        positions(pagination: { pageSize: 50 }) {
          id
          title
          startDate
          endDate
          organisation {
            documentId
            name
          }
        }
      }
      quotes(pagination: { pageSize: 100 }) {
        id
        text
        speakerTitle
        speaker {
          documentId
          name
        }
      }
      mentionedOrganisations(pagination: { pageSize: 100 }) {
        documentId
        name
        kind
      }
      seo {
        metaTitle
        metaDescription
        canonicalUrl
      }
    }
  }
`);

export const OrganisationPageQuery = graphql(`
  query OrganisationPage($documentId: ID!) {
    organisation(documentId: $documentId) {
      documentId
      name
      nameEn
      kind
      region
      website
      aliases
      people(pagination: { pageSize: 100 }) {
        documentId
        name
        nameEn
        positions(pagination: { pageSize: 50 }) {
          id
          title
          startDate
          endDate
          organisation {
            documentId
          }
        }
      }
      mentionedInArticles(sort: ["publicationDate:desc"], pagination: { pageSize: 50 }) {
        documentId
        title
        slug
        publicationDate
      }
    }
  }
`);

export const PersonPageQuery = graphql(`
  query PersonPage($documentId: ID!) {
    person(documentId: $documentId) {
      documentId
      name
      nameEn
      biography
      positions(pagination: { pageSize: 50 }) {
        id
        title
        startDate
        endDate
        organisation {
          documentId
          name
        }
      }
      mentionedInArticles(sort: ["publicationDate:desc"], pagination: { pageSize: 50 }) {
        documentId
        title
        slug
        publicationDate
      }
    }
  }
`);

export const SearchQuery = graphql(`
  query Search($q: String!, $types: [SearchType!], $locale: I18NLocaleCode, $page: Int!) {
    search(q: $q, types: $types, locale: $locale, pagination: { page: $page, pageSize: 10 }) {
      hits {
        type
        documentId
        slug
        title
        snippet
        score
        date
      }
      pageInfo {
        page
        pageCount
        total
      }
    }
  }
`);
