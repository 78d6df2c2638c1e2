import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, GraphQLError, Kind, ValueNode, visit } from 'graphql';
import { GraphqlContextValue } from '@rtd/kernel';

/**
 * PostgreSQL text cannot hold the NUL character (U+0000), nor a lone UTF-16 surrogate (which has
 * no UTF-8 form): a value carrying one fails in the database ("invalid byte sequence",
 * "unsupported Unicode escape") after the request has begun.
 * No field of the API has a use for it, so it is refused at the edge, before any resolver runs,
 * in the variables and in the strings written in the document, naming the field.
 */
export function inputGuardPlugin(): ApolloServerPlugin<GraphqlContextValue> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const literals = literalsOf(document);
          const field = variableWithNul(request.variables ?? {}, literals.usedAt) ?? literals.withNul;
          if (field !== null) throw nulRefused(field);
        },
      };
    },
  };
}

/**
 * scanLiterals of a document, once per document: Apollo keeps the parsed and validated document of
 * a known query in its document store and hands the same object to every request that sends it,
 * so only the variables (which change from request to request) are scanned each time.
 */
const scanned = new WeakMap<DocumentNode, ReturnType<typeof scanLiterals>>();
function literalsOf(document: DocumentNode): ReturnType<typeof scanLiterals> {
  let literals = scanned.get(document);
  if (!literals) {
    literals = scanLiterals(document);
    scanned.set(document, literals);
  }
  return literals;
}

const NUL = '\u0000';
/** A UTF-16 surrogate without its pair (JSON's "\ud800"): not a character, and not valid UTF-8 for PostgreSQL. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether PostgreSQL could store the text: no NUL, no lone surrogate. */
export function storable(text: string): boolean {
  return !text.includes(NUL) && !LONE_SURROGATE.test(text);
}

/**
 * The path of the first variable value holding a NUL, named after the argument the variable is
 * given to (`input.title`, `target.provinceCodes[2]`), or null.
 */
export function variableWithNul(
  variables: Record<string, unknown>,
  usedAt: ReadonlyMap<string, string> = new Map(),
): string | null {
  const search = (value: unknown, path: string, depth: number): string | null => {
    if (typeof value === 'string') return storable(value) ? null : path;
    if (depth > 20 || value === null || typeof value !== 'object') return null;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const found = search(value[i], `${path}[${i}]`, depth + 1);
        if (found) return found;
      }
      return null;
    }
    for (const [key, item] of Object.entries(value)) {
      const found = search(item, `${path}.${key}`, depth + 1);
      if (found) return found;
    }
    return null;
  };
  for (const [name, value] of Object.entries(variables)) {
    const found = search(value, usedAt.get(name) ?? name, 0);
    if (found) return found;
  }
  return null;
}

/**
 * The argument (or input field) of the first string literal holding a NUL, and where each
 * variable is used (`$t` given to `search` is the field `search`).
 */
export function scanLiterals(document: DocumentNode): {
  withNul: string | null;
  usedAt: Map<string, string>;
} {
  let withNul: string | null = null;
  const usedAt = new Map<string, string>();
  const search = (node: ValueNode, path: string): string | null => {
    if (node.kind === Kind.STRING) return storable(node.value) ? null : path;
    if (node.kind === Kind.VARIABLE) {
      if (!usedAt.has(node.name.value)) usedAt.set(node.name.value, path);
      return null;
    }
    if (node.kind === Kind.LIST) {
      let hit: string | null = null;
      for (const item of node.values) hit ??= search(item, path);
      return hit;
    }
    if (node.kind === Kind.OBJECT) {
      let hit: string | null = null;
      for (const item of node.fields) hit ??= search(item.value, `${path}.${item.name.value}`);
      return hit;
    }
    return null;
  };
  visit(document, {
    Argument(node) {
      const hit = search(node.value, node.name.value);
      withNul ??= hit;
    },
    VariableDefinition(node) {
      const hit = node.defaultValue ? search(node.defaultValue, node.variable.name.value) : null;
      withNul ??= hit;
    },
  });
  return { withNul, usedAt };
}

/**
 * The field as the services name it: the mutation's `input` wrapper left out (`title`,
 * `target.provinceCodes[0]`), so that screens find it as they find the services' refusals.
 */
function nulRefused(path: string): GraphQLError {
  const field = path.replace(/^input\./, '');
  return new GraphQLError(
    `Campo "${field}": il testo contiene il carattere nullo (U+0000) o un carattere non valido, non ammessi`,
    {
      extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } },
    },
  );
}
