import { AssignmentStatus, nextStatus } from './workflow';

/**
 * Where a change entered by the RTD office on a comune's behalf comes from (issue 23, point 5):
 * a consortium-wide status import, its file and row. Only where the consortium's RTD allows it
 * (ConsortiumSettings.officeReportsForComuni); each step is then recorded as such in the history
 * (status_event.on_behalf_of_comune, the note) and the audit log (onBehalfOfComune, file, row).
 */
export interface OnBehalfSource {
  fileName: string;
  row: number;
}

/** The history's note of a step entered on the comune's behalf. */
export function onBehalfNote(source: OnBehalfSource): string {
  return `Inserito dall'Ufficio RTD per conto del Comune: importazione da file «${source.fileName}», riga ${source.row}`;
}

/** The audit entry's details of a step entered on the comune's behalf. */
export function onBehalfDetails(source: OnBehalfSource): Record<string, unknown> {
  return { onBehalfOfComune: true, fileName: source.fileName, row: source.row };
}

/**
 * Whether an office's update is one of its own moves (reopening settled work, nothing else
 * changed): then it acts as the office, not on the comune's behalf.
 */
export function isOfficeOwnUpdate(
  from: AssignmentStatus,
  input: { status?: AssignmentStatus | null; progress?: number | null; issues?: string | null },
): boolean {
  if (input.progress != null || input.issues !== undefined || !input.status) return false;
  try {
    nextStatus(from, 'office', { kind: 'update', to: input.status });
    return true;
  } catch {
    return false;
  }
}

/** The office's refusal of the comune's words, with how the RTD may allow it. */
export const COMUNE_WORDS = 'Avanzamento e criticità li aggiorna il comune';
export const COMUNE_WORDS_UNLESS_ALLOWED = `${COMUNE_WORDS}: l'Ufficio RTD li inserisce per suo conto solo se il RTD lo consente nelle impostazioni del consorzio («L'ufficio può inserire gli stati per conto dei Comuni»)`;
