/**
 * Bounds on what one public request may ask for, REST and GraphQL, each configurable by an
 * environment variable. The numbers are explained in docs and in the tests that pin them: every page
 * the README describes fits with room to spare, and the known attacks do not.
 */
export type PublicQueryLimits = {
  /** Page size when a list gives none (REST and GraphQL, root and nested lists). */
  defaultPageSize: number;
  /** Largest page any list may return. */
  maxPageSize: number;
  graphql: {
    /** Rows a query may produce, each list counted at its page size (see row-estimate.ts). */
    maxRows: number;
    /** Fields a query may select once its fragments are spread. */
    maxFields: number;
    maxAliases: number;
    maxTokens: number;
    maxDirectives: number;
    maxDepth: number;
    introspection: boolean;
    landingPage: boolean;
  };
  rest: {
    /** Relation, component or media levels a populate may reach below the entry itself. */
    maxPopulateDepth: number;
    /** To-many relations one populate path may follow (a list inside a list). */
    maxToManyPerPath: number;
    /** Items of a populated to-many relation kept per parent entry. */
    nestedListLimit: number;
  };
  /** Largest response body, in bytes, of a public read (REST or GraphQL). */
  maxResponseBytes: number;
};

type Environment = Record<string, string | undefined>;

const readInt = (environment: Environment, name: string, fallback: number): number => {
  const raw = environment[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
};

const readBool = (environment: Environment, name: string, fallback: boolean): boolean => {
  const raw = environment[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  if (/^(false|0|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, not "${raw}"`);
};

export const readPublicQueryLimits = (environment: Environment = process.env): PublicQueryLimits => {
  // Production must opt in to introspection and the landing page; development keeps both.
  const development = environment.NODE_ENV !== 'production';
  return {
    defaultPageSize: 25,
    maxPageSize: 100,
    graphql: {
      maxRows: readInt(environment, 'GRAPHQL_MAX_ROWS', 300_000),
      maxFields: readInt(environment, 'GRAPHQL_MAX_FIELDS', 2_000),
      maxAliases: readInt(environment, 'GRAPHQL_MAX_ALIASES', 15),
      maxTokens: readInt(environment, 'GRAPHQL_MAX_TOKENS', 2_000),
      maxDirectives: readInt(environment, 'GRAPHQL_MAX_DIRECTIVES', 20),
      maxDepth: readInt(environment, 'GRAPHQL_DEPTH_LIMIT', 10),
      introspection: readBool(environment, 'GRAPHQL_INTROSPECTION', development),
      landingPage: readBool(environment, 'GRAPHQL_LANDING_PAGE', development),
    },
    rest: {
      maxPopulateDepth: readInt(environment, 'REST_MAX_POPULATE_DEPTH', 3),
      maxToManyPerPath: readInt(environment, 'REST_MAX_TO_MANY_PER_PATH', 1),
      nestedListLimit: readInt(environment, 'REST_NESTED_LIST_LIMIT', 100),
    },
    maxResponseBytes: readInt(environment, 'PUBLIC_RESPONSE_MAX_BYTES', 5 * 1024 * 1024),
  };
};

/** A size for a message: kilobytes below a megabyte, so a small configured limit does not read "0.0 MB". */
export const describeBytes = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
