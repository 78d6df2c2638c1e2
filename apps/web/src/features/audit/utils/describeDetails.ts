import type { AssignmentStatus, Role } from '../../../gql/graphql';
import { formatDate } from '../../../lib/dates';
import { REVIEW_DECISION_LABEL, ROLE_LABEL, STATUS_LABEL } from '../../../lib/i18n';

const OBJECTIVE_FIELD: Record<string, string> = {
  title: 'titolo',
  description: 'descrizione',
  dueDate: 'scadenza',
  lineCodes: 'linee d’azione',
  target: 'Comuni destinatari',
};

type Details = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
const role = (value: unknown) =>
  typeof value === 'string' && value in ROLE_LABEL ? ROLE_LABEL[value as Role] : null;
const status = (value: unknown) =>
  typeof value === 'string' && value in STATUS_LABEL ? STATUS_LABEL[value as AssignmentStatus] : null;

function parse(json: string | null | undefined): Details | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Details) : null;
  } catch {
    return null;
  }
}

/**
 * What an audit entry recorded besides its entity, in a short Italian sentence ('' when nothing).
 * `subjectName` is whom a role change concerns, by name, when the server names them.
 */
export function describeDetails(
  action: string,
  json: string | null | undefined,
  subjectName: string | null = null,
): string {
  const d = parse(json);
  if (!d) return '';
  const parts: string[] = [];
  switch (action) {
    case 'membership.grant':
    case 'membership.revoke': {
      const r = role(d.role);
      if (r) parts.push(`«${r}»`);
      // By name (issue 23, point 8), with the fiscal code where the entry has it.
      const code = text(d.fiscalCode);
      const name = text(subjectName);
      if (name) parts.push(code ? `a ${name} (${code})` : `a ${name}`);
      else if (code) parts.push(`a ${code}`);
      else if (text(d.clientId)) parts.push(`al client ${text(d.clientId)}`);
      if (text(d.regionCode)) parts.push(`per la Regione ${text(d.regionCode)}`);
      return parts.join(' ');
    }
    case 'consortium.updateSettings':
      return d.officeReportsForComuni === true
        ? 'L’ufficio può inserire gli stati per conto dei Comuni'
        : d.officeReportsForComuni === false
          ? 'L’ufficio non inserisce più gli stati per conto dei Comuni'
          : '';
    case 'consortium.create': {
      if (text(d.name)) parts.push(`«${text(d.name)}»`);
      if (Array.isArray(d.comuneIstatCodes)) parts.push(`${d.comuneIstatCodes.length} Comuni`);
      return parts.join(', ');
    }
    case 'objective.create':
    case 'objective.delete': {
      if (text(d.title)) parts.push(`«${text(d.title)}»`);
      if (text(d.edition)) parts.push(`Piano ${text(d.edition)}`);
      if (Array.isArray(d.lineCodes) && d.lineCodes.length) parts.push(d.lineCodes.join(', '));
      return parts.join(', ');
    }
    case 'objective.update': {
      // Named, with before and after where the server recorded them (issue 23: a deadline extended).
      if (text(d.title)) parts.push(`«${text(d.title)}»`);
      if (text(d.fromTitle)) parts.push(`titolo prima: «${text(d.fromTitle)}»`);
      if ('toDueDate' in d)
        parts.push(`scadenza da ${formatDate(text(d.fromDueDate))} a ${formatDate(text(d.toDueDate))}`);
      if (d.descriptionChanged === true) parts.push('descrizione cambiata');
      if (parts.length) return parts.join(', ');
      const changed = Array.isArray(d.changed)
        ? d.changed.map((f) => OBJECTIVE_FIELD[String(f)] ?? String(f))
        : [];
      return changed.length ? `Modificati: ${changed.join(', ')}` : '';
    }
    case 'objective.publish': {
      if (d.firstPublication === true) parts.push('prima pubblicazione');
      if (typeof d.targeted === 'number') parts.push(`${d.targeted} Comuni destinatari`);
      return parts.join(', ');
    }
    case 'assignment.addEvidence':
      return d.kind === 'URL' ? 'Collegamento' : d.kind === 'NOTE' ? 'Nota' : '';
    case 'assignment.delegate':
      return d.delegatePersonId ? 'Affidata a un delegato' : 'Delega tolta: la segue il referente';
    default: {
      if (d.decision === 'APPROVE' || d.decision === 'REJECT')
        parts.push(`Resoconto ${REVIEW_DECISION_LABEL[d.decision]}`);
      const from = status(d.from);
      const to = status(d.to);
      if (from && to && from !== to) parts.push(`da «${from}» a «${to}»`);
      else if (to) parts.push(`«${to}»`);
      if (typeof d.progress === 'number') parts.push(`avanzamento ${d.progress}%`);
      if (d.onBehalfOfComune === true)
        parts.push(
          `inserito dall’ufficio per conto del Comune${text(d.fileName) ? ` dal file «${text(d.fileName)}»` : ''}${typeof d.row === 'number' ? `, riga ${d.row}` : ''}`,
        );
      if (text(d.reason)) parts.push(`motivazione: ${text(d.reason)}`);
      if (text(d.note)) parts.push(`nota: ${text(d.note)}`);
      return parts.join(', ');
    }
  }
}
