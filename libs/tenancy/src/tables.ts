import type { TableOwnership } from '@rtd/kernel';

/** The tables of tenancy: consortia, municipalities and who belongs to whom. */
export const TENANCY_TABLES: TableOwnership = {
  library: 'tenancy',
  owns: ['consortium', 'comune', 'consortium_member', 'consortium_setting'],
  sharedWith: {
    // A municipality's name and place label rows in others' lists, and orders them.
    comune: ['assignments', 'identity', 'objectives', 'demo', 'plan'],
    // Fan-out targets and local-line checks select the members of a consortium in one statement.
    consortium_member: ['objectives', 'demo', 'plan'],
    consortium: ['demo'],
  },
};
