import { INestApplicationContext } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';

/** The schema as committed in apps/api/schema.gql: sorted, so diffs show only real changes. */
export function printApiSchema(app: INestApplicationContext): string {
  const { schema } = app.get(GraphQLSchemaHost);
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
