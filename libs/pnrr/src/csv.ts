/** The CSV reader is the kernel's (tenancy reads ISTAT's population file with it too). */
export { CsvError, parseCsv } from '@rtd/kernel';
export type { CsvRecord } from '@rtd/kernel';
