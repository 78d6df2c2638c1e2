import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@rtd/kernel';

export interface QueryBudget {
  maxDepth: number;
  maxAliases: number;
  maxComplexity: number;
  maxPageSize: number;
}

export const DEFAULT_BUDGET: QueryBudget = {
  maxDepth: 12,
  maxAliases: 50,
  // One consortium's dashboard (500 assignments with their lines and evidence) fits comfortably.
  maxComplexity: 50_000,
  maxPageSize: MAX_PAGE_SIZE,
};

/**
 * Measures an operation before it runs: depth, aliases, and a complexity that multiplies each
 * field by the page sizes (`first`) of the lists above it. Over budget, the request is refused
 * with TOO_COMPLEX without touching the database. Returns the measures for logs and tests.
 */
export function checkQueryBudget(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  budget: QueryBudget = DEFAULT_BUDGET,
): { depth: number; aliases: number; complexity: number } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  let aliases = 0;
  let maxDepth = 0;

  const pageSizeOf = (field: FieldNode): number | null => {
    const first = field.arguments?.find((arg) => arg.name.value === 'first');
    if (!first) return null;
    const value = valueOf(first.value, variables);
    if (value === null || value === undefined) return DEFAULT_PAGE_SIZE;
    if (typeof value !== 'number' || value > budget.maxPageSize) {
      throw tooComplex(`"first" vale al massimo ${budget.maxPageSize}`);
    }
    return Math.max(1, value);
  };

  const walk = (
    selectionSet: SelectionSetNode,
    depth: number,
    multiplier: number,
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
        cost += multiplier;
        if (selection.selectionSet) {
          const pageSize = pageSizeOf(selection);
          cost += walk(selection.selectionSet, depth + 1, multiplier * (pageSize ?? 1), seen);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += walk(selection.selectionSet, depth, multiplier, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Validation has already refused cycles and unknown fragments; this is a safety net.
        if (!fragment || seen.has(name)) continue;
        cost += walk(fragment.selectionSet, depth, multiplier, new Set([...seen, name]));
      }
      if (cost > budget.maxComplexity) throw tooComplex(`complessità oltre ${budget.maxComplexity}`);
    }
    return cost;
  };

  const complexity = walk(operation.selectionSet, 1, 1, new Set());
  return { depth: maxDepth, aliases, complexity };
}

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    default:
      return 'invalid';
  }
}

function tooComplex(reason: string): GraphQLError {
  return new GraphQLError(`Richiesta troppo complessa: ${reason}`, { extensions: { code: 'TOO_COMPLEX' } });
}
