import type { TableOwnership } from './database/table-ownership';

/** The key that signs the tenant settings of row-level security (database/db-context.ts). */
export const KERNEL_TABLES: TableOwnership = { library: 'kernel', owns: ['app_context_key'] };
