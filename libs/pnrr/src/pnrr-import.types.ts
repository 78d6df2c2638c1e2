import type { BodyKindCode } from './pnrr-source-files';

/** The outcome of a PNRR import and the errors it raises (see pnrr-importer.ts). */
export class PnrrImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PnrrImportError';
  }
}

export interface TableSync {
  added: number;
  removed: number;
  unchanged: number;
}

export interface PnrrImportReport {
  measures: TableSync;
  calls: TableSync;
  applications: TableSync;
  amounts: TableSync;
  links: TableSync;
  /** Applications of bodies that are not the municipality itself (its schools, ASL, unions...), imported as such. */
  otherBodies: number;
  /** Imported applications by who made them. */
  attribution: Record<BodyKindCode, number>;
  /** Other bodies' rows of the measure files, left to the newer other bodies' file. */
  leftToOtherBodiesFile: number;
  /** What this snapshot changes against the stored one (what a dry run prints). */
  changes: PnrrSnapshotChanges;
  dryRun: boolean;
  /** Applications whose ISTAT code is not in the loaded register (municipalities created or recoded since). */
  unknownCodes: { file: string; line: number; code: string; name: string }[];
  /** Names of importi_per_comune.csv no municipality of the register carries. */
  unresolvedNames: { line: number; name: string }[];
  /** Names carried by more than one municipality: left out rather than guessed. */
  ambiguousNames: { line: number; name: string; candidates: string[] }[];
}

/** One application as the dry run names it. */
export interface PnrrApplicationChange {
  /** The body's IPA code (part of the identity; not printed). */
  ipa?: string;
  istatCode: string;
  body: string;
  call: string;
  cup: string;
  amount: number;
  status: string;
  previousStatus?: string;
}

export interface PnrrSnapshotChanges {
  /** Applications not in the stored data. */
  added: PnrrApplicationChange[];
  /** Applications whose status changed (withdrawn ones included, also listed under `withdrawn`). */
  statusChanged: PnrrApplicationChange[];
  /** Applications withdrawn (R) since the stored data. */
  withdrawn: PnrrApplicationChange[];
  /** Applications stored that the files no longer hold. */
  removed: PnrrApplicationChange[];
}

export interface Row {
  [column: string]: string | number | string[] | null;
}
