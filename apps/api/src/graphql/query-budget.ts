import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLCompositeType,
  GraphQLError,
  GraphQLField,
  GraphQLObjectType,
  GraphQLSchema,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@rtd/kernel';
import { DEFAULT_LIST_BOUND, LIST_BOUNDS, PATH_CAPS } from './list-bounds';

export interface QueryBudget {
  maxDepth: number;
  maxAliases: number;
  maxComplexity: number;
  maxPageSize: number;
}

export const DEFAULT_BUDGET: QueryBudget = {
  maxDepth: 12,
  maxAliases: 50,
  // The heaviest screen of the web app, the dashboard's 500 assignments each with its objective's
  // lines costed at their cap of 100, is about 160,000; nesting two pages of 500 is 250,000 a field.
  maxComplexity: 200_000,
  maxPageSize: MAX_PAGE_SIZE,
};

/**
 * TOO_COMPLEX answers HTTP 400: like a validation error, the operation was refused as written,
 * before it ran, and sending it again will not help. (413 would tell proxies and clients the body
 * was too large, which it was not; 422 is not what GraphQL clients expect for a refused document.)
 */
export const TOO_COMPLEX_STATUS = 400;

export interface QueryMeasures {
  depth: number;
  aliases: number;
  complexity: number;
}

/**
 * Measures an operation before it runs: depth, aliases, and a complexity where every field costs
 * the number of times it may be resolved: the product of the bounds of the lists above it. A
 * connection's `edges` is bounded by its `first` (as the request really sends it: literal,
 * variable, the variable's default or the argument's default), every other list by its bound in
 * LIST_BOUNDS. Over budget, the request is refused with TOO_COMPLEX (HTTP 400) without touching
 * the database. Returns the measures for logs and tests.
 */
export function checkQueryBudget(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
  budget: QueryBudget = DEFAULT_BUDGET,
): QueryMeasures {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables, {
    maxErrors: 1,
  });
  // Variables that do not coerce are refused by execution itself (BAD_USER_INPUT, HTTP 400)
  // before any resolver runs: there is nothing to cost, and that answer is the clearer one.
  if (!coerced.coerced) return { depth: 0, aliases: 0, complexity: 0 };
  const variables = coerced.coerced;
  const root = schema.getRootType(operation.operation);
  if (!root) return { depth: 0, aliases: 0, complexity: 0 };

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  let aliases = 0;
  let maxDepth = 0;

  const argumentsOf = (definition: GraphQLField<unknown, unknown>, node: FieldNode) => {
    try {
      return getArgumentValues(definition, node, variables);
    } catch {
      // A literal that does not coerce was already refused by validation.
      return {};
    }
  };

  const pageSizeOf = (args: Record<string, unknown>): number => {
    const first = args.first;
    if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
    if (typeof first !== 'number' || first > budget.maxPageSize) {
      throw tooComplex(`"first" vale al massimo ${budget.maxPageSize}`);
    }
    return Math.max(1, first);
  };

  const typeOf = (name: string | undefined, fallback: GraphQLCompositeType): GraphQLCompositeType => {
    if (!name) return fallback;
    const type = schema.getType(name);
    return type && isCompositeType(type) ? type : fallback;
  };

  /**
   * `multiplier`: how many times a field of this selection may be resolved; `pageSize`: the
   * `first` of the connection this selection belongs to, which bounds its `edges`; `path`: the
   * fields from the root, `Type.field>Type.field`, for PATH_CAPS.
   */
  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    depth: number,
    multiplier: number,
    pageSize: number,
    path: string,
    seen: Set<string>,
  ): number => {
    if (depth > budget.maxDepth) throw tooComplex(`profondità massima ${budget.maxDepth} superata`);
    maxDepth = Math.max(maxDepth, depth);
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) {
          aliases++;
          if (aliases > budget.maxAliases) throw tooComplex(`al massimo ${budget.maxAliases} alias`);
        }
        // `__typename` is answered from the type, with no resolver: GraphQL clients (urql's cache)
        // add it to every selection, and it must not make an operation cost more than it does.
        if (selection.name.value !== '__typename') cost += multiplier;
        const definition =
          'getFields' in parent ? (parent as GraphQLObjectType).getFields()[selection.name.value] : undefined;
        if (selection.selectionSet && definition) {
          const args = argumentsOf(definition, selection);
          const hasFirst = definition.args.some((arg) => arg.name === 'first');
          const childPage = hasFirst ? pageSizeOf(args) : DEFAULT_PAGE_SIZE;
          const childPath = `${path}${path ? '>' : ''}${parent.name}.${definition.name}`;
          const bound = listBound(parent.name, definition, args, pageSize);
          const cap = PATH_CAPS[childPath] ?? Infinity;
          const child = getNamedType(definition.type) as GraphQLCompositeType;
          const childMultiplier = Math.min(multiplier * bound, Math.max(cap, multiplier));
          cost += walk(selection.selectionSet, child, depth + 1, childMultiplier, childPage, childPath, seen);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = typeOf(selection.typeCondition?.name.value, parent);
        cost += walk(selection.selectionSet, type, depth, multiplier, pageSize, path, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Validation has already refused cycles and unknown fragments; this is a safety net.
        if (!fragment || seen.has(name)) continue;
        const type = typeOf(fragment.typeCondition.name.value, parent);
        cost += walk(
          fragment.selectionSet,
          type,
          depth,
          multiplier,
          pageSize,
          path,
          new Set([...seen, name]),
        );
      }
      if (cost > budget.maxComplexity) throw tooComplex(`complessità oltre ${budget.maxComplexity}`);
    }
    return cost;
  };

  const complexity = walk(operation.selectionSet, root, 1, 1, DEFAULT_PAGE_SIZE, '', new Set());
  return { depth: maxDepth, aliases, complexity };
}

/** How many elements the field's value may hold: 1 for an object, the list's bound for a list. */
function listBound(
  parent: string,
  definition: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  pageSize: number,
): number {
  if (!isListType(getNullableType(definition.type))) return 1;
  if (parent.endsWith('Connection') && definition.name === 'edges') return pageSize;
  const bound = LIST_BOUNDS[`${parent}.${definition.name}`];
  return Math.max(1, bound ? bound(args) : DEFAULT_LIST_BOUND);
}

/** The list fields of objects without `first`, by `Type.field`: each needs a bound in LIST_BOUNDS. */
export function unboundedListFields(schema: GraphQLSchema): string[] {
  const fields: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const listed = isListType(getNullableType(field.type));
      const ofObjects = isCompositeType(getNamedType(field.type));
      const paged = field.args.some((arg) => arg.name === 'first');
      const edges = type.name.endsWith('Connection') && field.name === 'edges';
      if (listed && ofObjects && !paged && !edges) fields.push(`${type.name}.${field.name}`);
    }
  }
  return fields.sort();
}

export function tooComplex(reason: string): GraphQLError {
  return new GraphQLError(`Richiesta troppo complessa: ${reason}`, {
    extensions: { code: 'TOO_COMPLEX', http: { status: TOO_COMPLEX_STATUS } },
  });
}
