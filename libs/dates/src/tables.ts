/**
 * Calendar helpers own no table. (Written without the kernel's TableOwnership type: dates sits
 * below the kernel and imports nothing.)
 */
export const DATES_TABLES = { library: 'dates', owns: [] as string[] };
