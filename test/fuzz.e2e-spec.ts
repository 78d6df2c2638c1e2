import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { ADMIN, PORTAL_LOMBARDIA, REFERENT_CREMA, RTD_A, tokenFor } from './support/identities';
import { PROJECT_ROOT } from './support/paths';
import { cremaAssignment, demoIds, DemoIds, ok, publishedObjective } from './support/scenario';
import { GraphqlResponse, startTestApi, TestApi } from './support/test-app';
import { startTestWorker } from './support/test-worker';

/**
 * Property-based fuzzing of the whole API (issue 12, point 5): for every Query and Mutation field
 * of the committed schema, arguments generated from their types (NUL bytes, huge and odd
 * Unicode strings, bad and foreign ids, forged cursors, impossible dates, negative and huge
 * integers, every enum value, nested input objects) and mixed with real ids, sent as variables
 * by the RTD office of consortium A and by the platform operator. No answer may be
 * INTERNAL_SERVER_ERROR or a 5xx. The seed is fixed and the cases bounded, so every run sends
 * the same requests in the same order (mutations change this file's own database, the same way
 * each time).
 */
const SEED = 20_261_205;
const RUNS_PER_FIELD = 24;

const schema = buildSchema(readFileSync(path.join(PROJECT_ROOT, 'apps/api/schema.gql'), 'utf8'));

const cursor = (key: unknown) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
const UUID_ZERO = '00000000-0000-0000-0000-000000000000';

/**
 * Values of the demo the generated arguments start from, by argument or input field name, so
 * that a case reaches past "not found" and the bad values land deep in the services.
 */
interface Known {
  ids: string[];
  strings: string[];
  byName: Record<string, string[]>;
}

/** Plausible text by field name; any other text field gets 'Testo di prova'. */
const GOOD_STRINGS: Record<string, string[]> = {
  edition: ['2022-2024', '2024-2026'],
  lineCodes: ['CAP1.PA.LA20', 'CAP1.PA.LA19'],
  istatCode: ['019035', '019067'],
  comuneIstatCodes: ['019001'],
  regionCode: ['03', '09'],
  provinceCodes: ['019'],
  fiscalCode: ['VLLFNC90M48F205H', 'LMBRRT65E30D142B'],
  clientId: ['portale-prova'],
  url: ['https://example.it/evidenza'],
  email: ['nome.cognome@example.it'],
  search: ['accessibil'],
  action: ['membership.grant'],
  actor: ['ferrari'],
};

const NASTY_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'x'.repeat(100_000),
  '€ àèìòù 😀 \u202e\u200b',
  '\ud800',
  "' OR 1=1 --",
  '%_\\',
  '<script>alert(1)</script>',
  'null',
  '2027-02-30',
  'javascript:alert(1)',
  'https://example.it/evidenza',
  'http://',
];

const NASTY_IDS = [
  'x',
  '',
  UUID_ZERO,
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  'a\u0000',
  '1',
  '-1',
  '9'.repeat(40),
];

const FORGED_CURSORS = [
  cursor(['x', 'y']),
  cursor([1.5, 'x']),
  cursor([1e300, 'x']),
  cursor(['2027-02-30', UUID_ZERO]),
  cursor(['infinity', 'x']),
  cursor(['2026-01-01T00:00:00.000Z', 'x']),
  cursor(['a\u0000', 'b']),
  cursor([]),
  cursor(null),
  cursor({ a: 1 }),
  cursor(['9'.repeat(30)]),
  cursor(['-1']),
  '%%%',
  '',
  'A'.repeat(3_000),
];

const DATES = [
  '2027-02-30',
  '2026-01-01',
  '2024-02-29',
  '2023-02-29',
  '0000-00-00',
  '9999-12-31',
  '2026-13-01',
  'x',
  '',
];

/**
 * A plausible value of `type` for the argument (or input field) `name`: a real id, a page of 10,
 * an edition that exists. Cases start from these and make one or two arguments bad.
 */
function goodFor(type: GraphQLInputType, name: string, known: Known, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return goodValue(type.ofType, name, known, depth);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: goodValue(type, name, known, depth) },
  );
}

function goodValue(type: GraphQLInputType, name: string, known: Known, depth: number): fc.Arbitrary<unknown> {
  if (isListType(type)) {
    return fc.array(goodValue(unwrap(type.ofType as GraphQLInputType), name, known, depth + 1), {
      minLength: 1,
      maxLength: 2,
    });
  }
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((value) => value.value));
  if (isInputObjectType(type)) return inputObject(type, known, depth, goodFor);
  switch (getNamedType(type).name) {
    case 'ID':
      return fc.constantFrom(...(known.byName[name] ?? known.ids));
    case 'Int':
      return name === 'expectedVersion' ? fc.constantFrom(1, 2, 3) : fc.constantFrom(1, 10, 50);
    case 'Boolean':
      return fc.boolean();
    case 'Date':
      return fc.constantFrom(name === 'to' ? '2026-03-31' : '2026-01-01', '2099-12-31');
    default:
      if (name === 'after') return fc.constant(null);
      return fc.constantFrom(...(GOOD_STRINGS[name] ?? ['Testo di prova']));
  }
}

/** Any value of `type`, hostile ones first. */
function badFor(type: GraphQLInputType, name: string, known: Known, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return badValue(type.ofType, name, known, depth);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 6, arbitrary: badValue(type, name, known, depth) },
  );
}

function badValue(type: GraphQLInputType, name: string, known: Known, depth: number): fc.Arbitrary<unknown> {
  if (isListType(type)) {
    return fc.oneof(
      fc.array(badFor(type.ofType as GraphQLInputType, name, known, depth + 1), { maxLength: 4 }),
      fc.constant([]),
    );
  }
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((value) => value.value));
  if (isInputObjectType(type)) return inputObject(type, known, depth, badFor);
  switch (getNamedType(type).name) {
    case 'ID':
      return fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(...NASTY_IDS) },
        { weight: 1, arbitrary: fc.constantFrom(...known.ids) },
        { weight: 1, arbitrary: fc.uuid() },
      );
    case 'Int':
      return fc.oneof(
        fc.constantFrom(0, -1, 500, 501, 10_000, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 1.5),
        fc.integer(),
      );
    case 'Boolean':
      return fc.oneof(fc.boolean(), fc.constantFrom('true', 0));
    case 'Date':
      return fc.oneof(
        fc.constantFrom(...DATES),
        fc
          .date({ min: new Date('1900-01-01'), max: new Date('2200-12-31'), noInvalidDate: true })
          .map((date) => date.toISOString().slice(0, 10)),
      );
    default:
      if (name === 'after') return fc.constantFrom(...FORGED_CURSORS);
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
        { weight: 1, arbitrary: fc.constantFrom(...known.strings) },
        { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
      );
  }
}

type Generator = (
  type: GraphQLInputType,
  name: string,
  known: Known,
  depth?: number,
) => fc.Arbitrary<unknown>;

/** An input object: required fields always, the others when generated (undefined is left out). */
function inputObject(type: GraphQLInputObjectType, known: Known, depth: number, field: Generator) {
  if (depth > 3) return fc.constant({});
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const item of Object.values(type.getFields()))
    model[item.name] = field(item.type, item.name, known, depth + 1);
  return fc.record(model).map(withoutUndefined);
}

function unwrap(type: GraphQLInputType): GraphQLInputType {
  return isNonNullType(type) ? type.ofType : type;
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
}

/** The few hostile values every argument of `type` is tried with, one argument at a time. */
function canonicalHostile(type: GraphQLInputType, name: string): unknown[] {
  const inner = unwrap(type);
  if (isListType(inner)) {
    return [[], ...canonicalHostile(inner.ofType as GraphQLInputType, name).map((item) => [item])];
  }
  if (isEnumType(inner) || isInputObjectType(inner)) return [];
  switch (getNamedType(inner).name) {
    case 'ID':
      return ['x', UUID_ZERO, 'a\u0000'];
    case 'Int':
      return [-1, 2 ** 31 - 1];
    case 'Date':
      return ['2027-02-30', '2026-13-01'];
    case 'Boolean':
      return [];
    default:
      if (name === 'after') return [cursor(['x', 'y']), cursor([1.5, 'x']), cursor(['a\u0000', 'b'])];
      return ['a\u0000b', 'x'.repeat(100_000), '\ud800', ''];
  }
}

/**
 * Cases every run tries first: plausible arguments with one of them (or one field of an input
 * object) replaced by each canonical hostile value.
 */
function examplesFor(
  field: GraphQLField<unknown, unknown>,
  known: Known,
  seed: number,
): Record<string, unknown>[] {
  const good: Record<string, fc.Arbitrary<unknown>> = {};
  for (const arg of field.args) good[arg.name] = goodValue(unwrap(arg.type), arg.name, known, 0);
  const [baseline] = fc.sample(fc.record(good), { seed, numRuns: 1 });
  const examples: Record<string, unknown>[] = [];
  for (const arg of field.args) {
    for (const value of canonicalHostile(arg.type, arg.name))
      examples.push({ ...baseline, [arg.name]: value });
    const inner = unwrap(arg.type);
    if (!isInputObjectType(inner)) continue;
    for (const item of Object.values(inner.getFields())) {
      for (const value of canonicalHostile(item.type, item.name)) {
        examples.push({ ...baseline, [arg.name]: { ...(baseline[arg.name] as object), [item.name]: value } });
      }
    }
  }
  return examples;
}

/**
 * The variables of one case: every argument plausible, then one or two of them (or a field
 * inside an input object) replaced by a hostile value.
 */
function casesFor(
  field: GraphQLField<unknown, unknown>,
  known: Known,
): fc.Arbitrary<Record<string, unknown>> {
  const good: Record<string, fc.Arbitrary<unknown>> = {};
  const bad: Record<string, fc.Arbitrary<unknown>> = {};
  for (const arg of field.args) {
    good[arg.name] = goodFor(arg.type, arg.name, known);
    bad[arg.name] = badFor(arg.type, arg.name, known);
  }
  const names = field.args.map((arg) => arg.name);
  return fc
    .tuple(
      fc.record(good),
      fc.record(bad),
      fc.subarray(names, { minLength: Math.min(1, names.length), maxLength: Math.min(2, names.length) }),
    )
    .map(([plausible, hostile, spoiled]) =>
      withoutUndefined(
        Object.fromEntries(
          names.map((name) => [name, spoiled.includes(name) ? hostile[name] : plausible[name]]),
        ),
      ),
    );
}

/** What to ask of a value of `type`: every field that takes no required argument, one level down. */
function selectionOf(type: GraphQLNamedType): string {
  if (!isCompositeType(type)) return '';
  if (!isObjectType(type)) return '{ __typename }';
  const parts = ['__typename'];
  for (const field of Object.values((type as GraphQLObjectType).getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type))) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (type.name.endsWith('Connection') && field.name === 'edges')
      parts.push('edges { cursor node { __typename } }');
    else parts.push(`${field.name} { __typename }`);
  }
  return `{ ${parts.join(' ')} }`;
}

function printType(type: GraphQLInputType): string {
  return String(type);
}

/** One operation for a root field, every argument a variable. */
function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((arg: GraphQLArgument) => `$${arg.name}: ${printType(arg.type)}`);
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`);
  const head = variables.length ? `(${variables.join(', ')})` : '';
  const call = args.length ? `(${args.join(', ')})` : '';
  return `${kind} Fuzz${head} { ${field.name}${call} ${selectionOf(getNamedType(field.type))} }`;
}

function rootFields(
  on: GraphQLSchema,
): { kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] {
  return [
    ...Object.values(on.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, field })),
    ...Object.values(on.getMutationType()!.getFields()).map((field) => ({
      kind: 'mutation' as const,
      field,
    })),
  ];
}

describe('Fuzzing every operation', () => {
  let api: TestApi;
  let known: Known;
  let ids: DemoIds;
  let cremaIds: string[];

  beforeAll(async () => {
    api = await startTestApi();
    ids = await demoIds(api);
    // Assignments in a few states, by the fan-out of the real worker; the worker then stops, so
    // that no background job runs during the cases and every run is the same.
    const worker = await startTestWorker(api.config);
    try {
      await publishedObjective(api, { consortiumId: ids.consortiumA, comuneIds: [ids.crema, ids.pandino] });
      await cremaAssignment(api, ids, 'SUBMITTED');
    } finally {
      await worker.close();
    }
    const assignments = ok(
      await api
        .as(RTD_A)
        .graphql(
          `query($c: ID!) { assignments(filter: { consortiumId: $c }, first: 3) { edges { node { id objective { id } } } } }`,
          { c: ids.consortiumA },
        ),
      'assignments',
    );
    const memberships = ok(
      await api.as(RTD_A).graphql(`query($c: ID!) { consortiumMemberships(consortiumId: $c) { id } }`, {
        c: ids.consortiumA,
      }),
      'consortiumMemberships',
    );
    const assignmentIds = assignments.edges.map((edge: { node: { id: string } }) => edge.node.id);
    const objectiveIds = assignments.edges.map(
      (edge: { node: { objective: { id: string } } }) => edge.node.objective.id,
    );
    const membershipIds = memberships.slice(0, 3).map((membership: { id: string }) => membership.id);
    known = {
      byName: {
        consortiumId: [ids.consortiumA],
        comuneId: [ids.crema, ids.pandino],
        comuneIds: [ids.crema, ids.pandino],
        assignmentId: assignmentIds,
        objectiveId: objectiveIds,
        membershipId: membershipIds,
        id: [...assignmentIds, ...objectiveIds, ids.consortiumA, ids.crema],
      },
      ids: [
        ...Object.values(ids),
        ...assignments.edges.flatMap((edge: { node: { id: string; objective: { id: string } } }) => [
          edge.node.id,
          edge.node.objective.id,
        ]),
        ...memberships.slice(0, 3).map((membership: { id: string }) => membership.id),
      ],
      strings: [
        '2022-2024',
        '2024-2026',
        'CAP1.PA.LA20',
        '019035',
        '03',
        '09',
        RTD_A,
        PORTAL_LOMBARDIA,
        'Crema',
      ],
    };
    cremaIds = ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(
          `query($c: ID!) { assignments(filter: { comuneId: $c }, first: 5) { edges { node { id } } } }`,
          {
            c: ids.crema,
          },
        ),
      'assignments',
    ).edges.map((edge: { node: { id: string } }) => edge.node.id);
    // Tokens up front: the properties then measure the API, not the identity provider.
    await Promise.all([tokenFor(RTD_A), tokenFor(ADMIN), tokenFor(REFERENT_CREMA)]);
  });
  afterAll(() => api.close());

  it('covers every Query and Mutation field of the schema', () => {
    expect(rootFields(schema).length).toBeGreaterThanOrEqual(30);
  });

  it('never answers INTERNAL_SERVER_ERROR nor a 5xx, whatever the arguments', async () => {
    const failures: string[] = [];
    let sent = 0;
    let examplesSent = 0;
    for (const [index, { kind, field }] of rootFields(schema).entries()) {
      const query = operationFor(kind, field);
      const variables = casesFor(field, known);
      const examples = examplesFor(field, known, SEED + index);
      examplesSent += examples.length;
      await fc
        .assert(
          fc.asyncProperty(fc.constantFrom(RTD_A, ADMIN), variables, async (who, values) => {
            const res: GraphqlResponse = await api.graphql(query, values, {
              authorization: `Bearer ${await tokenFor(who)}`,
            });
            sent++;
            const internal = (res.errors ?? []).filter(
              (error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR' || !error.extensions?.code,
            );
            if (res.status >= 500 || internal.length > 0) {
              failures.push(
                `${field.name} as ${who}: HTTP ${res.status} ${JSON.stringify(res.errors).slice(0, 300)} ` +
                  `with ${JSON.stringify(values).slice(0, 300)}`,
              );
              return false;
            }
            return true;
          }),
          // One seed per field, so that adding a field does not change the cases of the others.
          {
            seed: SEED + index,
            // numRuns counts the examples too.
            numRuns: examples.length + RUNS_PER_FIELD,
            endOnFailure: true,
            examples: examples.flatMap((example) => [[RTD_A, example] as [string, Record<string, unknown>]]),
          },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(rootFields(schema).length * RUNS_PER_FIELD + examplesSent);
    expect(examplesSent).toBeGreaterThan(250);
  });

  /**
   * The bulk import's cells (issue 26): files of the monitoring sheet's columns, as CSV or XLSX,
   * whose cells hold whatever a spreadsheet can (text, numbers huge and odd, `4e1`, `0x28`,
   * formulas with and without their result, rich text, booleans, dates, error values, NUL bytes),
   * around real and foreign activity ids, imported by Crema's referent, dry or not. Every answer
   * is a report or a BAD_USER_INPUT; never INTERNAL_SERVER_ERROR, never a 5xx.
   */
  it("never answers INTERNAL_SERVER_ERROR to an import's cells, whatever they hold", async () => {
    const failures: string[] = [];
    const codes = new Map<string, number>();
    let sent = 0;
    await fc
      .assert(
        fc.asyncProperty(importCase(cremaIds), async (file) => {
          const content = file.format === 'CSV' ? csvOf(file.rows) : await xlsxOf(file.rows);
          const res = await api
            .as(REFERENT_CREMA)
            .graphql(
              `mutation($input: StatusImportInput!) { importStatuses(input: $input) { applied rowsRead errors { row column reason } } }`,
              {
                input: {
                  fileName: file.format === 'CSV' ? 'fuzz.csv' : 'fuzz.xlsx',
                  contentBase64: content.toString('base64'),
                  comuneId: ids.crema,
                  dryRun: file.dryRun,
                },
              },
            );
          sent++;
          const code = res.errors?.[0]?.extensions?.code ?? 'ok';
          codes.set(code, (codes.get(code) ?? 0) + 1);
          if (res.status >= 500 || (code !== 'ok' && code !== 'BAD_USER_INPUT')) {
            failures.push(
              `HTTP ${res.status} ${JSON.stringify(res.errors).slice(0, 300)} with ${JSON.stringify(file).slice(0, 400)}`,
            );
            return false;
          }
          return true;
        }),
        { seed: SEED, numRuns: IMPORT_RUNS, endOnFailure: true },
      )
      .catch(() => undefined);
    expect(failures).toEqual([]);
    expect(sent).toBe(IMPORT_RUNS);
    // The cases reach past the file's checks into the rows, and some files are refused whole.
    expect(codes.get('ok') ?? 0).toBeGreaterThan(IMPORT_RUNS / 3);
  });
});

const IMPORT_RUNS = 48;
const IMPORT_HEADER = [
  'Codice ISTAT',
  'Codice linea',
  'Stato',
  'Avanzamento (%)',
  'Criticità',
  'ID attività',
  'Versione',
];

type ImportCell = ExcelJS.CellValue;

/** A value a cell of an imported sheet may hold, hostile ones first. */
function importCell(plausible: fc.Arbitrary<ImportCell>): fc.Arbitrary<ImportCell> {
  return fc.oneof(
    { weight: 4, arbitrary: plausible },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS.filter((text) => text.length < 20_000)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom<ImportCell>(
        '4e1',
        '0x28',
        '40.0',
        ' 40 ',
        '-1',
        '101',
        '99999999999',
        '9'.repeat(40),
        2 ** 31,
        99_999_999_999,
        1e300,
        -0,
        40.5,
        true,
        new Date('2026-03-01T00:00:00Z'),
        { error: '#N/A' },
        { formula: 'A1' },
        { formula: '20*2', result: 40 },
        { formula: 'B2', result: 'In corso' },
        { richText: [{ text: 'In ' }, { text: 'corso' }] },
        { text: 'https://example.it', hyperlink: 'https://example.it' },
        null,
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.integer() },
  );
}

function importCase(assignmentIds: string[]) {
  const row = fc.tuple(
    importCell(fc.constantFrom('019035', 19035, '019067')),
    importCell(fc.constantFrom('CAP1.PA.LA20', 'CAP1.PA.LA19', 'ZZ.99')),
    importCell(fc.constantFrom('In corso', 'Non avviata', 'Inviata', 'Completata', 'in corso', '')),
    importCell(fc.constantFrom(0, 40, 100, '40')),
    importCell(fc.constantFrom('Manca il fornitore', '', null)),
    importCell(fc.constantFrom(...assignmentIds, UUID_ZERO, 'non-un-id')),
    importCell(fc.constantFrom(1, 2, 3, '2')),
  );
  return fc.record({
    format: fc.constantFrom<'CSV' | 'XLSX'>('CSV', 'XLSX'),
    dryRun: fc.boolean(),
    rows: fc.array(row, { minLength: 1, maxLength: 3 }),
  });
}

/** A cell as a CSV field: what a spreadsheet writes for it, quoted. */
function csvField(value: ImportCell): string {
  if (value === null || value === undefined) return '';
  const text =
    value instanceof Date
      ? value.toISOString().slice(0, 10)
      : typeof value === 'object'
        ? String(
            (value as { result?: unknown; text?: unknown }).result ??
              (value as { text?: unknown }).text ??
              '',
          )
        : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

function csvOf(rows: ImportCell[][]): Buffer {
  return Buffer.from([IMPORT_HEADER.join(';'), ...rows.map((row) => row.map(csvField).join(';'))].join('\n'));
}

async function xlsxOf(rows: ImportCell[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Linee 2022-2024');
  sheet.addRow(IMPORT_HEADER);
  rows.forEach((row, i) => row.forEach((value, j) => (sheet.getCell(i + 2, j + 1).value = value)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
