import type { TableOwnership } from '@rtd/kernel';

/** The tables of identity: people, machine clients and the roles granted to them. */
export const IDENTITY_TABLES: TableOwnership = {
  library: 'identity',
  owns: ['person', 'membership', 'machine_client'],
  sharedWith: {
    // The audit log shows and searches the actor's name (audit sits below identity: no import).
    person: ['audit', 'demo'],
    membership: ['demo'],
  },
};
