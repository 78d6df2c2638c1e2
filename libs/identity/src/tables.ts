import type { TableOwnership } from '@rtd/kernel';

/** The tables of identity: people, machine clients and the roles granted to them. */
export const IDENTITY_TABLES: TableOwnership = {
  library: 'identity',
  owns: ['person', 'membership', 'machine_client'],
  sharedWith: {
    // The audit log's reading shows and searches the actor's name in the same statement.
    person: ['audit-log', 'demo'],
    membership: ['demo'],
  },
};
