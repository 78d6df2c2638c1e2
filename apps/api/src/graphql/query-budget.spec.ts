import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  DocumentNode,
  getNamedType,
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  OperationDefinitionNode,
  parse,
  typeFromAST,
  visit,
} from 'graphql';
import { checkQueryBudget, unboundedListFields } from './query-budget';
import { ITALIAN_COMUNI, LIST_BOUNDS, PROVINCES_OF_A_REGION } from './list-bounds';

/** Compiled to dist-test/apps/api/src/graphql: the committed files live in the checkout. */
const ROOT = path.resolve(__dirname, '../../../../..');
const schema = buildSchema(readFileSync(path.join(ROOT, 'apps/api/schema.gql'), 'utf8'));
const A = '6a8f1a2e-1d2b-4c3d-8e4f-5a6b7c8d9e0f';

function measure(query: string, variables: Record<string, unknown> = {}, on: GraphQLSchema = schema) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  return checkQueryBudget(on, document, operation, variables);
}

const refused = (query: string, variables?: Record<string, unknown>) =>
  expect(() => measure(query, variables)).toThrow(
    expect.objectContaining({ extensions: expect.objectContaining({ code: 'TOO_COMPLEX' }) }),
  );

/** What urql sends: `__typename` in every selection set below the operation's root. */
function withTypenames(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet: {
      leave(node, _key, parent) {
        if (parent && 'kind' in parent && parent.kind === Kind.OPERATION_DEFINITION) return undefined;
        if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename'))
          return undefined;
        return {
          ...node,
          selections: [
            ...node.selections,
            { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } },
          ],
        };
      },
    },
  });
}

/** The largest value a variable of the web app may carry: pages of 500, a year of trend. */
function largest(type: GraphQLInputType, name: string): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [largest(inner.ofType, name)];
  if (isEnumType(inner)) return inner.getValues()[0].value;
  if (isInputObjectType(inner)) {
    return name === 'scope' ? { consortiumId: A } : { all: true };
  }
  switch (getNamedType(inner).name) {
    case 'Int':
      return 500;
    case 'ID':
      return A;
    case 'Date':
      return name === 'from' ? '2025-01-01' : '2026-01-01';
    case 'Boolean':
      return true;
    default:
      return name === 'after' ? null : 'x';
  }
}

describe('checkQueryBudget', () => {
  it('has a bound for every list of objects without "first"', () => {
    expect(unboundedListFields(schema).filter((field) => !LIST_BOUNDS[field])).toEqual([]);
  });

  it('costs variables with their defaults, like literals (issue 12, point 1)', () => {
    const nested = `assignments(filter: { consortiumId: "${A}" }, first: $a) { edges { node { objective {
      consortium { comuni(first: $b) { edges { node { id name } } } } } } } }`;
    refused(`query($a: Int = 500, $b: Int = 500) { ${nested} }`);
    refused(`query($a: Int = 500, $b: Int = 500) { ${nested} }`, { a: 500 });
    refused(`query($a: Int, $b: Int) { ${nested} }`, { a: 500, b: 500 });
    refused(`{ ${nested.replace('$a', '500').replace('$b', '500')} }`);
    refused(`query($a: Int = 500, $b: Int = 500) { consortia { comuni(first: $a) { edges { node {
      consortium { comuni(first: $b) { edges { node { id } } } } } } } } }`);
    refused(`query($n: Int = 10000) { planLines(edition: "2022-2024", first: $n) { totalCount } }`);
    // The same shape with small pages fits.
    expect(measure(`query($a: Int = 10, $b: Int = 10) { ${nested} }`).complexity).toBeLessThan(2_000);
  });

  it('gives lists without "first" their real bound', () => {
    refused(`{ assignments(filter: {}, first: 500) { edges { node { history { at note progress } } } } }`);
    refused(`{ assignments(filter: {}, first: 500) { edges { node { evidence { id url description } } } } }`);
    const one = measure(`{ assignment(id: "${A}") { history { at } evidence { id } } }`);
    expect(one.complexity).toBe(1 + 1 + 200 + 1 + 200);
    const lines = measure(`{ sharedObjective(id: "${A}") { lines { id } } }`);
    expect(lines.complexity).toBe(1 + 1 + 100);
  });

  it("caps the members of distinct consortia at Italy's municipalities", () => {
    const all = measure(`{ consortia { comuni(first: 500) { edges { node { id name } } } } }`);
    expect(all.complexity).toBe(1 + 200 + 200 + 3 * ITALIAN_COMUNI);
    // Under assignments the same consortium repeats: no cap.
    refused(`{ assignments(filter: {}, first: 500) { edges { node { comune { consortium {
      comuni(first: 500) { edges { node { id } } } } } } } } }`);
  });

  it('costs a trend by its days and buckets', () => {
    const trend = (from: string, to: string, groupBy: string, scope: string) =>
      measure(
        `{ complianceTrend(from: "${from}", to: "${to}", groupBy: ${groupBy}, scope: ${scope}) { day buckets { total } } }`,
      );
    const month = trend('2026-01-01', '2026-01-30', 'CONSORTIUM', `{ consortiumId: "${A}" }`);
    expect(month.complexity).toBe(1 + 30 + 30 + 30);
    // A region's provinces are at most the largest region's (La Regione's trend: a year by province).
    const regionYear = trend('2025-01-01', '2025-12-31', 'PROVINCE', `{ regionCode: "03" }`);
    expect(regionYear.complexity).toBe(1 + 3 * 365 * PROVINCES_OF_A_REGION);
    refused(
      `{ complianceTrend(from: "2025-01-01", to: "2026-01-01", groupBy: COMUNE, scope: { regionCode: "03" }) { day buckets { total } } }`,
    );
  });

  it('costs the edges of a connection, not its count, by the page size', () => {
    const page = measure(
      `{ planLines(edition: "x", first: 100) { totalCount pageInfo { hasNextPage } edges { cursor node { code } } } }`,
    );
    expect(page.complexity).toBe(1 + 1 + 1 + 1 + 1 + 100 + 100 + 100);
    const byDefault = measure(`{ planLines(edition: "x") { edges { node { code } } } }`);
    expect(byDefault.complexity).toBe(1 + 1 + 50 + 50);
  });

  it('accepts every operation of the web app at its largest', () => {
    const dir = path.join(ROOT, 'apps/web/src/features');
    const operations: string[] = [];
    for (const feature of readdirSync(dir)) {
      const api = path.join(dir, feature, 'api');
      let files: string[] = [];
      try {
        files = readdirSync(api).filter((file) => file.endsWith('.ts'));
      } catch {
        continue;
      }
      for (const file of files) {
        const text = readFileSync(path.join(api, file), 'utf8');
        for (const match of text.matchAll(/graphql\(`([\s\S]*?)`\)/g)) operations.push(match[1]);
      }
    }
    expect(operations.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const source of operations) {
      // As the web app sends it: urql's document cache adds __typename to every selection set.
      const document = withTypenames(parse(source));
      const operation = document.definitions[0] as OperationDefinitionNode;
      const variables = Object.fromEntries(
        (operation.variableDefinitions ?? []).map((definition) => {
          const name = definition.variable.name.value;
          return [name, largest(typeFromAST(schema, definition.type as never) as GraphQLInputType, name)];
        }),
      );
      try {
        checkQueryBudget(schema, document, operation, variables);
      } catch (error) {
        failures.push(`${operation.name?.value}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
