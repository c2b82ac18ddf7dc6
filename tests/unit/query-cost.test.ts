import { buildSchema, parse, validate } from 'graphql';
import { readPublicQueryLimits } from '../../src/graphql/limits';
import { requestedPageSize, rowEstimateRule } from '../../src/graphql/row-estimate';

/** The shape of the generated schema that matters for cost: lists with and without pagination. */
const schema = buildSchema(`
  input PaginationArg { page: Int pageSize: Int start: Int limit: Int }
  type Organisation { name: String kind: String parent: Organisation people(pagination: PaginationArg): [Person]! mentionedInArticles(pagination: PaginationArg): [NewsArticle]! }
  type Position { title: String organisation: Organisation }
  type Person { name: String positions: [Position] mentionedInArticles(pagination: PaginationArg): [NewsArticle]! }
  type Quote { text: String speaker: Person }
  type Source { publisherName: String publisher: Organisation }
  type Paragraph { text: String }
  union Block = Paragraph
  type NewsArticle {
    title: String
    source: Source
    quotes: [Quote]
    body: [Block]
    mentionedPersons(pagination: PaginationArg): [Person]!
    mentionedOrganisations(pagination: PaginationArg): [Organisation]!
  }
  type PageInfo { total: Int }
  type NewsArticleConnection { nodes: [NewsArticle]! pageInfo: PageInfo! }
  type SearchHit { title: String }
  type SearchResults { hits: [SearchHit!]! pageInfo: PageInfo! }
  type Query {
    search(q: String!, pagination: PaginationArg): SearchResults!
    newsArticles(pagination: PaginationArg): [NewsArticle]!
    newsArticles_connection(pagination: PaginationArg): NewsArticleConnection
    newsArticle(documentId: ID!): NewsArticle
  }
`);

const limits = readPublicQueryLimits({});
const options = { maxRows: limits.graphql.maxRows, maxFields: limits.graphql.maxFields, defaultPageSize: 25, maxPageSize: 100 };

const errorsOf = (query: string, overrides: Partial<typeof options> = {}) =>
  validate(schema, parse(query), [rowEstimateRule({ ...options, ...overrides })]).map((error) => error.message);

/** The estimate itself, read back from the rule's message with a limit of zero. */
const rowsOf = (query: string): number => {
  const [message] = errorsOf(query, { maxRows: 0 });
  if (message === undefined) return 0;
  return Number(/up to ([\d,]+) rows/.exec(message)?.[1].replace(/,/g, ''));
};

const nest = (levels: number): string => {
  let selection = levels % 2 === 0 ? 'name' : 'title';
  for (let level = levels - 1; level >= 1; level -= 1) {
    selection = level % 2 === 1 ? `title mentionedPersons { ${selection} }` : `name mentionedInArticles { ${selection} }`;
  }
  return `{ newsArticles { ${selection} } }`;
};

describe('the row estimate counts each list at the page size it can return', () => {
  test('a root list counts at the default page size, or at its own pagination', () => {
    expect(rowsOf('{ newsArticles { title } }')).toBe(25);
    expect(rowsOf('{ newsArticles(pagination: { limit: 10 }) { title } }')).toBe(10);
    expect(rowsOf('{ newsArticles(pagination: { pageSize: 60 }) { title } }')).toBe(60);
  });

  test('a page size above the cap, -1 or a variable counts at the cap', () => {
    expect(rowsOf('{ newsArticles(pagination: { limit: 1000 }) { title } }')).toBe(100);
    expect(rowsOf('{ newsArticles(pagination: { limit: -1 }) { title } }')).toBe(100);
    expect(rowsOf('query($size: Int) { newsArticles(pagination: { pageSize: $size }) { title } }')).toBe(100);
    expect(rowsOf('query($page: PaginationArg) { newsArticles(pagination: $page) { title } }')).toBe(100);
  });

  test('nested lists multiply, so seven relation levels are billions of rows', () => {
    expect(rowsOf('{ newsArticles { mentionedPersons { name } } }')).toBe(25 + 25 * 25);
    expect(rowsOf(nest(7))).toBeGreaterThan(25 ** 7);
    expect(errorsOf(nest(7))[0]).toMatch(/could return up to [\d,]+ rows, over the limit of 300,000/);
  });

  test('a one-to-one field counts once per parent row', () => {
    expect(rowsOf('{ newsArticle(documentId: "x") { source { publisher { parent { name } } } } }')).toBe(4);
  });

  test('a connection passes its page size to its nodes', () => {
    expect(rowsOf('{ newsArticles_connection(pagination: { limit: 50 }) { nodes { title } pageInfo { total } } }')).toBe(1 + 50 + 1);
  });

  test('any list of a paginated object without pagination of its own has the object\'s page size, like search hits', () => {
    expect(rowsOf('{ search(q: "商会", pagination: { pageSize: 100 }) { hits { title } pageInfo { total } } }')).toBe(1 + 100 + 1);
    expect(rowsOf('{ search(q: "商会") { hits { title } } }')).toBe(1 + 25);
  });

  test('fragments count where they are spread, and a fragment spread many times is costed once', () => {
    expect(rowsOf('fragment P on Person { name positions { title } } { newsArticles { mentionedPersons { ...P } } }')).toBe(rowsOf('{ newsArticles { mentionedPersons { name positions { title } } } }'));
    // 2^40 spreads if walked naively; costed once per fragment, it answers at once.
    const fragments = Array.from({ length: 40 }, (_, index) => `fragment F${index} on NewsArticle { ...F${index + 1} ...F${index + 1} }`).join(' ');
    const errors = errorsOf(`${fragments} fragment F40 on NewsArticle { title } { newsArticles { ...F0 } }`);
    expect(errors[0]).toMatch(/selects [\d]+ fields once its fragments are spread; the limit is 2000/);
  });

  test('a fragment cycle does not loop the estimate (another rule refuses it)', () => {
    expect(() => errorsOf('fragment A on NewsArticle { title ...A } { newsArticles { ...A } }')).not.toThrow();
  });

  test('introspection fields are not costed', () => {
    expect(rowsOf('{ __schema { types { name fields { name } } } }')).toBe(0);
  });
});

describe('the default limit admits the pages the README describes and refuses the attacks', () => {
  const LIST_PAGE = (size: number) => `{ newsArticles(pagination: { pageSize: ${size} }) {
    title source { publisherName publisher { name } }
    mentionedPersons { name positions { title organisation { name } } }
    quotes { text speaker { name } } } }`;

  test('a list page of 100 articles with people and their positions\' organisations fits', () => {
    expect(rowsOf(LIST_PAGE(100))).toBeLessThan(limits.graphql.maxRows);
    expect(errorsOf(LIST_PAGE(100))).toEqual([]);
  });

  test('four relation levels at the default page size do not fit', () => {
    expect(errorsOf(nest(4))).toEqual([expect.stringMatching(/could return up to 406,900 rows/)]);
  });

  test('requestedPageSize reads limit or pageSize', () => {
    const field = (query: string) => {
      const operation = parse(query).definitions[0];
      if (operation.kind !== 'OperationDefinition') throw new Error('not an operation');
      const selection = operation.selectionSet.selections[0];
      if (selection.kind !== 'Field') throw new Error('not a field');
      return selection;
    };
    expect(requestedPageSize(field('{ a(pagination: { start: 5 }) { b } }'), options)).toBe(25);
    expect(requestedPageSize(field('{ a(pagination: { limit: 0 }) { b } }'), options)).toBe(0);
  });
});

describe('the limits come from the environment', () => {
  test('production turns introspection and the landing page off unless asked', () => {
    expect(readPublicQueryLimits({ NODE_ENV: 'production' }).graphql).toMatchObject({ introspection: false, landingPage: false });
    expect(readPublicQueryLimits({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', GRAPHQL_LANDING_PAGE: '1' }).graphql).toMatchObject({ introspection: true, landingPage: true });
    expect(readPublicQueryLimits({ NODE_ENV: 'development' }).graphql).toMatchObject({ introspection: true, landingPage: true });
  });

  test('every limit can be set, and a nonsense value stops the start with its name', () => {
    const limits = readPublicQueryLimits({ GRAPHQL_MAX_ROWS: '1000', GRAPHQL_MAX_ALIASES: '3', REST_MAX_POPULATE_DEPTH: '2', PUBLIC_RESPONSE_MAX_BYTES: '1024' });
    expect(limits).toMatchObject({ graphql: { maxRows: 1000, maxAliases: 3 }, rest: { maxPopulateDepth: 2 }, maxResponseBytes: 1024 });
    expect(() => readPublicQueryLimits({ GRAPHQL_MAX_ROWS: 'lots' })).toThrow('GRAPHQL_MAX_ROWS must be a positive integer, not "lots"');
  });
});
