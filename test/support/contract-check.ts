import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Where `schemaSdl` fails to honour `contractSdl`: every contract type, field, argument and enum
 * value must exist with the same type (the project may add, never rename or drop). The same rules
 * as the shared `contract-check.mjs`, kept here so the check cannot silently not run.
 */
export function contractProblems(contractSdl: string, schemaSdl: string): string[] {
  const want = buildSchema(contractSdl, { assumeValidSDL: true });
  const have = buildSchema(schemaSdl, { assumeValidSDL: true });
  return Object.entries(want.getTypeMap())
    .filter(([name]) => !name.startsWith('__'))
    .flatMap(([name]) => typeProblems(want, have, name));
}

/** The names a contract declares (types, fields, enum values): what the check walks. */
export function contractSize(contractSdl: string): number {
  const want = buildSchema(contractSdl, { assumeValidSDL: true });
  return Object.values(want.getTypeMap())
    .filter((t) => !t.name.startsWith('__'))
    .reduce((n, t) => {
      if (isEnumType(t)) return n + 1 + t.getValues().length;
      if (isObjectType(t) || isInputObjectType(t) || isInterfaceType(t))
        return n + 1 + Object.keys(t.getFields()).length;
      return n + 1;
    }, 0);
}

function typeProblems(want: GraphQLSchema, have: GraphQLSchema, name: string): string[] {
  const t = want.getType(name)!;
  const h = have.getType(name);
  if (!h) return [`missing type ${name}`];
  if (isEnumType(t)) {
    if (!isEnumType(h)) return [`${name} should be an enum`];
    const values = new Set(h.getValues().map((v) => v.name));
    return t
      .getValues()
      .filter((v) => !values.has(v.name))
      .map((v) => `enum ${name} lacks ${v.name}`);
  }
  if (!(isObjectType(t) || isInputObjectType(t) || isInterfaceType(t))) return [];
  if (!(isObjectType(h) || isInputObjectType(h) || isInterfaceType(h))) return [`${name} has the wrong kind`];
  const fields = h.getFields();
  return Object.entries(t.getFields()).flatMap(([fieldName, f]) => {
    const g = fields[fieldName];
    if (!g) return [`${name}.${fieldName} is missing`];
    const problems: string[] = [];
    if (String(g.type) !== String(f.type))
      problems.push(`${name}.${fieldName} is ${String(g.type)}, contract says ${String(f.type)}`);
    const givenArgs = 'args' in g ? g.args : [];
    for (const a of 'args' in f ? f.args : []) {
      const b = givenArgs.find((x) => x.name === a.name);
      if (!b) problems.push(`${name}.${fieldName}(${a.name}) is missing`);
      else if (String(b.type) !== String(a.type))
        problems.push(
          `${name}.${fieldName}(${a.name}) is ${String(b.type)}, contract says ${String(a.type)}`,
        );
    }
    return problems;
  });
}
