import type { AssignmentDetailQuery } from '../../../gql/graphql';

export type AssignmentDetail = NonNullable<AssignmentDetailQuery['assignment']>;
