import path from 'path';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  KnownFragmentNamesRule,
  NoFragmentCyclesRule,
  parse,
  validate,
  type DocumentNode,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { describeBytes, type PublicQueryLimits } from './limits';
import { rowEstimateRule } from './row-estimate';

/** An error Apollo answers with this HTTP status (it reads `extensions.http`). */
const httpError = (message: string, code: string, status: number): GraphQLError =>
  new GraphQLError(message, { extensions: { code, http: { status } } });

type Check = { code: string; rules: ValidationRule[] };

/**
 * The checks that run before Apollo's own validation, in order, each only on a document the one
 * before accepted. Strapi's depth limit (graphql-depth-limit, added by the plugin) walks fragment
 * spreads without guarding against cycles or repeats: a fragment cycle overflowed the stack (a 500)
 * and fragments that spread each other twice take exponential time. So cycles and unknown fragments
 * are refused first, then the size of the expanded query and the rows it can produce (both computed
 * linearly), and only then anything that walks fragments naively (armor's alias and directive
 * counts, the depth limit).
 */
const preValidationChecks = (limits: PublicQueryLimits, armorRules: ValidationRule[]): Check[] => [
  { code: 'GRAPHQL_VALIDATION_FAILED', rules: [NoFragmentCyclesRule, KnownFragmentNamesRule] },
  {
    code: 'QUERY_TOO_COSTLY',
    rules: [
      rowEstimateRule({
        maxRows: limits.graphql.maxRows,
        maxFields: limits.graphql.maxFields,
        defaultPageSize: limits.defaultPageSize,
        maxPageSize: limits.maxPageSize,
      }),
    ],
  },
  { code: 'QUERY_TOO_COMPLEX', rules: armorRules },
];

/** Why the document is refused, or undefined when every check passes. */
const firstRefusal = (schema: GraphQLSchema, document: DocumentNode, checks: Check[]): GraphQLError | undefined => {
  for (const check of checks) {
    const errors = validate(schema, document, check.rules);
    if (errors.length > 0) {
      const code = errors[0].extensions.code;
      return new GraphQLError(errors.map((error) => error.message).join(' '), {
        extensions: { reason: typeof code === 'string' && code !== 'BAD_USER_INPUT' ? code : check.code },
      });
    }
  }
  return undefined;
};

/**
 * Runs the checks before Apollo validates. Apollo answers an error thrown from a plugin hook with a
 * 500, and a validation rule of ours would run after Strapi's depth limit has already looped, so a
 * refused document is swapped for a trivial placeholder that `refusalRule` then refuses with the
 * reason: the answer is Apollo's ordinary validation failure, a 400, before any resolver runs.
 */
const queryGuard = (checks: Check[], refusals: WeakMap<DocumentNode, GraphQLError>): ApolloServerPlugin<BaseContext> => ({
  async requestDidStart() {
    return {
      async validationDidStart(requestContext) {
        const refusal = firstRefusal(requestContext.schema, requestContext.document, checks);
        if (refusal === undefined) return;
        const placeholder = parse('{ __typename }');
        refusals.set(placeholder, refusal);
        (requestContext as { document: DocumentNode }).document = placeholder;
      },
    };
  },
});

const refusalRule =
  (refusals: WeakMap<DocumentNode, GraphQLError>): ValidationRule =>
  (context) => {
    const refusal = refusals.get(context.getDocument());
    if (refusal !== undefined) context.reportError(refusal);
    return {};
  };

type StrapiFormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError | GraphQLError;

/**
 * Strapi's own formatter maps its error classes to codes and hides unexpected errors; the package
 * does not export it, so it is loaded by path from the installed plugin.
 */
const strapiFormatError = (): StrapiFormatError => {
  const root = path.dirname(require.resolve('@strapi/plugin-graphql/package.json'));
  return (require(path.join(root, 'dist', 'server', 'format-graphql-error.js')) as { formatGraphqlError: StrapiFormatError }).formatGraphqlError;
};

/** An absolute path in a message, as a stack frame or an fs error would print it. */
const ABSOLUTE_PATH = /(?<=^|[\s('"`=])\/(?:[^\s/:'"`()]+\/)+[^\s:'"`()]*/g;

/** Strapi's formatting, then nothing a client should not see: no stack trace, no path on the server. */
export const formatPublicError = (strapiFormat: StrapiFormatError) => (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
  const result = strapiFormat(formatted, error);
  const plain: GraphQLFormattedError = result instanceof GraphQLError ? result.toJSON() : result;
  const { stacktrace: _stacktrace, exception: _exception, ...extensions } = plain.extensions ?? {};
  return { ...plain, message: plain.message.replace(ABSOLUTE_PATH, '[path]'), extensions };
};

/**
 * Serialises a GraphQL answer, refusing one larger than the ceiling: the error replaces the whole
 * body (Apollo answers with the error's status), so a client never gets a cut-off document.
 */
export const stringifyWithCeiling =
  (maxBytes: number) =>
  (value: FormattedExecutionResult): string => {
    const text = `${JSON.stringify(value)}\n`;
    const bytes = Buffer.byteLength(text);
    if (bytes > maxBytes) {
      throw httpError(
        `The response would be ${describeBytes(bytes)}, over the limit of ${describeBytes(maxBytes)}: ask for fewer items or fewer fields.`,
        'RESPONSE_TOO_LARGE',
        413
      );
    }
    return text;
  };

/**
 * The GraphQL plugin's configuration for a public API: Strapi's page and depth limits, armor's
 * alias and directive counts and field-suggestion masking, a row estimate, a token count, a
 * response ceiling, and no stack traces, introspection or landing page unless configured.
 */
export const publicGraphQLConfig = (limits: PublicQueryLimits) => {
  const armor = new ApolloArmor({
    blockFieldSuggestion: { enabled: true },
    maxAliases: { enabled: true, n: limits.graphql.maxAliases },
    maxDirectives: { enabled: true, n: limits.graphql.maxDirectives },
    // graphql-js counts tokens as it parses (parseOptions below): a syntax error, so a 400; armor's
    // token plugin throws from a hook, which Apollo answers with a 500.
    maxTokens: { enabled: false },
    // rowEstimateRule multiplies by list sizes, armor's cost does not; Strapi's depthLimit stays.
    costLimit: { enabled: false },
    maxDepth: { enabled: false },
  }).protect();
  const refusals = new WeakMap<DocumentNode, GraphQLError>();
  return {
    depthLimit: limits.graphql.maxDepth,
    defaultLimit: limits.defaultPageSize,
    maxLimit: limits.maxPageSize,
    // Strapi takes a function returning a landing-page plugin; its own "false" still serves Apollo's production page.
    landingPage: limits.graphql.landingPage ? true : () => ApolloServerPluginLandingPageDisabled(),
    apolloServer: {
      introspection: limits.graphql.introspection,
      includeStacktraceInErrorResponses: false,
      allowBatchedHttpRequests: false,
      formatError: formatPublicError(strapiFormatError()),
      stringifyResult: stringifyWithCeiling(limits.maxResponseBytes),
      parseOptions: { maxTokens: limits.graphql.maxTokens },
      validationRules: [refusalRule(refusals)],
      plugins: [queryGuard(preValidationChecks(limits, armor.validationRules), refusals), ...armor.plugins],
    },
  };
};
