import {
  GraphQLError,
  Kind,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';

export type RowEstimateOptions = {
  maxRows: number;
  maxFields: number;
  defaultPageSize: number;
  maxPageSize: number;
};

/** What one selection costs for each row of its parent. */
type Cost = { rows: number; fields: number };

const ZERO: Cost = { rows: 0, fields: 0 };

const add = (a: Cost, b: Cost): Cost => ({ rows: a.rows + b.rows, fields: a.fields + b.fields });

const returnsList = (type: GraphQLOutputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

const intValue = (node: ValueNode): number | 'variable' | undefined => {
  if (node.kind === Kind.VARIABLE) return 'variable';
  if (node.kind === Kind.INT) return Number(node.value);
  return undefined;
};

/**
 * The page size a list field asks for: `pagination: { limit }` or `{ pageSize }` when given as a
 * number, capped like the resolvers cap it; the largest page when it comes from a variable (not
 * known at validation) or asks for everything (-1); the default otherwise.
 */
export const requestedPageSize = (field: FieldNode, options: RowEstimateOptions): number => {
  const pagination = field.arguments?.find((argument) => argument.name.value === 'pagination');
  if (pagination === undefined) return options.defaultPageSize;
  if (pagination.value.kind === Kind.VARIABLE) return options.maxPageSize;
  if (pagination.value.kind !== Kind.OBJECT) return options.defaultPageSize;
  for (const entry of pagination.value.fields) {
    if (entry.name.value !== 'limit' && entry.name.value !== 'pageSize') continue;
    const value = intValue(entry.value);
    if (value === 'variable' || (typeof value === 'number' && (value < 0 || value > options.maxPageSize))) return options.maxPageSize;
    if (typeof value === 'number') return value;
  }
  return options.defaultPageSize;
};

const hasPaginationArgument = (definition: GraphQLField<unknown, unknown>): boolean =>
  definition.args.some((argument) => argument.name === 'pagination');

/**
 * Estimates, for every operation, how many rows (objects) its answer can hold: each object field
 * counts once per row of its parent, and a list counts at the page size it asks for (see
 * `requestedPageSize`), so nesting multiplies. A list without pagination arguments of its own (a
 * repeatable component, a dynamic zone, a connection's `nodes`, search's `hits`) counts at the page
 * size of the paginated field above it, or the default. Fragments are costed once each, so the walk
 * stays linear in the size of the document even when fragments spread each other many times; cycles
 * (which another rule refuses) count as nothing here.
 */
export const rowEstimateRule =
  (options: RowEstimateOptions) =>
  (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const fragmentCosts = new Map<string, Cost>();
    const inProgress = new Set<string>();

    const fragmentCost = (name: string, inheritedPageSize: number | undefined): Cost => {
      const key = `${name} ${inheritedPageSize ?? ''}`;
      const known = fragmentCosts.get(key);
      if (known !== undefined) return known;
      const fragment = fragments.get(name);
      if (fragment === undefined || inProgress.has(name)) return ZERO;
      const type = context.getSchema().getType(fragment.typeCondition.name.value);
      if (type === undefined || type === null || !isCompositeType(type)) return ZERO;
      inProgress.add(name);
      const cost = selectionCost(fragment.selectionSet, type, inheritedPageSize);
      inProgress.delete(name);
      fragmentCosts.set(key, cost);
      return cost;
    };

    const fieldCost = (node: FieldNode, parent: GraphQLCompositeType, inheritedPageSize: number | undefined): Cost => {
      // Introspection is allowed or refused as a whole (GRAPHQL_INTROSPECTION), not costed.
      if (node.name.value.startsWith('__')) return { rows: 0, fields: 1 };
      if (!isObjectType(parent) && !isInterfaceType(parent)) return { rows: 0, fields: 1 };
      const definition = parent.getFields()[node.name.value];
      if (definition === undefined) return { rows: 0, fields: 1 };
      const target = getNamedType(definition.type);
      if (node.selectionSet === undefined || !isCompositeType(target)) return { rows: 0, fields: 1 };
      const paginated = hasPaginationArgument(definition);
      const pageSize = paginated ? requestedPageSize(node, options) : (inheritedPageSize ?? options.defaultPageSize);
      const count = returnsList(definition.type) ? pageSize : 1;
      // A connection is one object whose `nodes` list has the connection's page size; so do the
      // lists of any other paginated object (search's `hits`). A field that is not a list counts once.
      const child = selectionCost(node.selectionSet, target, paginated && count === 1 ? pageSize : undefined);
      return { rows: count * (1 + child.rows), fields: 1 + child.fields };
    };

    const selectionCost = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, inheritedPageSize: number | undefined): Cost => {
      let total = ZERO;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          total = add(total, fieldCost(selection, parent, inheritedPageSize));
        } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
          total = add(total, fragmentCost(selection.name.value, inheritedPageSize));
        } else {
          const condition = selection.typeCondition === undefined ? parent : context.getSchema().getType(selection.typeCondition.name.value);
          if (condition !== undefined && condition !== null && isCompositeType(condition)) {
            total = add(total, selectionCost(selection.selectionSet, condition, inheritedPageSize));
          }
        }
      }
      return total;
    };

    return {
      OperationDefinition(operation) {
        const root = context.getSchema().getRootType(operation.operation);
        if (root === undefined || root === null) return;
        const cost = selectionCost(operation.selectionSet, root, undefined);
        const name = operation.name === undefined ? 'The query' : `The operation "${operation.name.value}"`;
        if (cost.fields > options.maxFields) {
          context.reportError(
            new GraphQLError(`${name} selects ${cost.fields} fields once its fragments are spread; the limit is ${options.maxFields}.`, {
              nodes: [operation],
              extensions: { code: 'QUERY_TOO_COMPLEX' },
            })
          );
        } else if (cost.rows > options.maxRows) {
          context.reportError(
            new GraphQLError(
              `${name} could return up to ${Math.round(cost.rows).toLocaleString('en')} rows, over the limit of ${options.maxRows.toLocaleString('en')}: ` +
                `each list counts at its page size (${options.defaultPageSize} unless its pagination asks for another, at most ${options.maxPageSize}), ` +
                'and a list inside a list multiplies. Ask for fewer nested lists or smaller pages.',
              { nodes: [operation], extensions: { code: 'QUERY_TOO_COSTLY' } }
            )
          );
        }
      },
    };
  };
