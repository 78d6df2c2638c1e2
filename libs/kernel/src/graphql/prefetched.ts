import { GraphQLSchema, isObjectType } from 'graphql';

const PREFETCHED = Symbol('rtd.prefetched');

/** Per field name, how to answer it from what the list already read (called only if asked). */
export type PrefetchedFields = Record<string, () => unknown>;

/**
 * Attaches to an object answers for some of its fields that a list read in one statement already
 * holds (the worklist: each row's objective and evidence, each objective's lines). Each answer
 * must be what the field's resolver would give this caller, from the same service code (the
 * objective still goes through ObjectivesService's authorization); only the resolver's dispatch
 * is skipped: through Nest, a field resolver allocates and awaits several closures per call,
 * which on a worklist of 100 rows was a large share of the API's time (docs/benchmarks.md, C).
 */
export function prefetch<T extends object>(target: T, fields: PrefetchedFields): T {
  Object.defineProperty(target, PREFETCHED, { value: fields, enumerable: false, configurable: true });
  return target;
}

/**
 * GraphQL options' transformSchema: every field that has a resolver first looks for a prefetched
 * answer on its parent. Fields without one resolve as before.
 */
export function answerPrefetched(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      field.resolve = (source, args, context, info) => {
        const fields = (source as { [PREFETCHED]?: PrefetchedFields } | null | undefined)?.[PREFETCHED];
        const answer = fields?.[info.fieldName];
        return answer ? answer() : resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
