/**
 * E-mail contents, as pure functions so that wording and escaping are unit-tested without a relay.
 * Every text here is read by Italian public officers: keep it in Italian and keep the HTML and
 * the plain-text versions saying the same thing (many municipal mail clients show only the text).
 */
import { STATUS_LABEL } from '@rtd/kernel';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** The same codes as the assignment workflow, repeated so this library depends on nothing. */
export type MailAssignmentStatus =
  'NOT_STARTED' | 'IN_PROGRESS' | 'SUBMITTED' | 'COMPLETED' | 'REJECTED' | 'NOT_APPLICABLE';

// The one status vocabulary of the web app and the exports (libs/kernel status-vocabulary.ts).
const STATUS_LABELS: Record<MailAssignmentStatus, string> = STATUS_LABEL;

export function statusLabel(status: MailAssignmentStatus): string {
  // Callers read statuses from the database; an unexpected code is shown rather than dropped.
  return STATUS_LABELS[status] ?? status;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** `2023-09-23` -> `23/09/2023`; the calendar date is kept as is, with no time-zone shift. */
export function formatItalianDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}

const ROME_DATE_TIME = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Italian offices read it: `23/09/2023 alle 14:05`, Rome time whatever the server's zone. */
export function formatItalianDateTime(instant: string | Date): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    ROME_DATE_TIME.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} alle ${part('hour')}:${part('minute')}`;
}

/** Subjects are single header lines: a title pasted with line breaks must not break them. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

export const AUTOMATIC_NOTICE =
  'Messaggio inviato automaticamente da RTD Hub: si prega di non rispondere a questo indirizzo.';

export function linkHtml(link: string, label: string): string {
  // Only web links become clickable, so that a malformed value can never turn into a script URL.
  if (!/^https?:\/\//i.test(link)) return `${escapeHtml(label)}: ${escapeHtml(link)}`;
  return `<a href="${escapeHtml(link)}" style="color:#0066cc">${escapeHtml(label)}</a>`;
}

export function htmlDocument(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="it">',
    `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">',
    body,
    `<p style="font-size:12px;color:#666">${escapeHtml(AUTOMATIC_NOTICE)}</p>`,
    '</body>',
    '</html>',
  ].join('\n');
}

export function paragraph(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}

export interface ReviewDecisionMailInput {
  recipientName: string;
  comuneName: string;
  objectiveTitle: string;
  decision: 'APPROVE' | 'REJECT';
  reason: string | null;
  /** Deadline of the assignment, `YYYY-MM-DD`: after a rejection it tells by when to send again. */
  dueDate: string | null;
  link: string;
}

/**
 * The reason as quoted text closing a sentence: «...» and a full stop, without doubling the
 * office's own final punctuation («Manca il verbale.» becomes «Manca il verbale».).
 */
function quotedReason(reason: string): string {
  const body = reason.replace(/[\s.;:,]+$/u, '');
  return /[?!…]$/u.test(body) ? `«${body}»` : `«${body}».`;
}

/**
 * The office's decision on a municipality's report (resoconto), to its referents: formal
 * register ("Lei") after "Gentile", the report and the objective named, the reason quoted.
 */
export function reviewDecisionMail(input: ReviewDecisionMailInput): MailContent {
  const subject = oneLine(`Esito della verifica: ${input.objectiveTitle}`);
  const greeting = `Gentile ${input.recipientName},`;
  const report = `il resoconto del Comune di ${input.comuneName} sull'obiettivo «${input.objectiveTitle}»`;
  const reason = input.reason?.trim() ? input.reason.trim() : null;

  let outcome: string;
  let followUp: string | null;
  if (input.decision === 'APPROVE') {
    // The approval form says its note reaches the comune by mail: it does (issue 23).
    outcome = reason
      ? `${report} è stato validato dall'Ufficio RTD, con questa nota: ${quotedReason(reason)}`
      : `${report} è stato validato dall'Ufficio RTD.`;
    followUp = 'Non sono richieste altre azioni.';
  } else {
    outcome = reason
      ? `${report} è stato respinto dall'Ufficio RTD con questa motivazione: ${quotedReason(reason)}`
      : `${report} è stato respinto dall'Ufficio RTD.`;
    followUp = input.dueDate
      ? `La invitiamo ad aggiornare il resoconto e a inviarlo di nuovo entro il ${formatItalianDate(input.dueDate)}.`
      : 'La invitiamo ad aggiornare il resoconto e a inviarlo di nuovo.';
  }
  const linkLabel = 'Il resoconto in RTD Hub';

  const text = [
    greeting,
    '',
    outcome,
    followUp,
    '',
    `${linkLabel}: ${input.link}`,
    '',
    AUTOMATIC_NOTICE,
  ].join('\n');

  const outcomeHtml =
    input.decision === 'REJECT' && reason
      ? `<p>${escapeHtml(`${report} è stato `)}<strong>respinto</strong>${escapeHtml(" dall'Ufficio RTD con questa motivazione:")}</p>\n` +
        `<blockquote style="margin:0 0 1em 0;padding:0.5em 1em;border-left:4px solid #c00;background:#fbeaea">${escapeHtml(quotedReason(reason)).replace(/\r?\n/g, '<br>')}</blockquote>`
      : paragraph(outcome);
  const html = htmlDocument(
    subject,
    [paragraph(greeting), outcomeHtml, paragraph(followUp), `<p>${linkHtml(input.link, linkLabel)}</p>`].join(
      '\n',
    ),
  );
  return { subject, text, html };
}

/** «Crema», «Crema e Pandino», «Crema, Offanengo e Pandino». */
export function comuneNamesText(names: string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} e ${names[names.length - 1]}`;
}

export interface SubmittedItem {
  objectiveTitle: string;
  comuneName: string;
  /** When the municipality sent it for review (ISO timestamp or Date). */
  submittedAt: string | Date;
}

export interface OfficeDigestMailInput {
  recipientName: string;
  consortiumName: string;
  /** `YYYY-MM-DD`, the day in Rome the digest is about. */
  today: string;
  submitted: SubmittedItem[];
  link: string;
}

export function officeDigestMail(input: OfficeDigestMailInput): MailContent {
  const today = formatItalianDate(input.today);
  const count = input.submitted.length;
  const subject = oneLine(`Rendicontazioni da verificare (${count}) – ${input.consortiumName} – ${today}`);
  const greeting = `Gentile ${input.recipientName},`;
  // The consortium name is free text ("Ufficio RTD associato del Cremasco"), so it goes in
  // parentheses rather than inside a sentence whose grammar it could break.
  const intro =
    count === 0
      ? `al ${today} non ci sono rendicontazioni in attesa di verifica (${input.consortiumName}).`
      : count === 1
        ? `al ${today} c'è 1 rendicontazione inviata dai comuni in attesa di verifica da parte dell'Ufficio RTD (${input.consortiumName}).`
        : `al ${today} ci sono ${count} rendicontazioni inviate dai comuni in attesa di verifica da parte dell'Ufficio RTD (${input.consortiumName}).`;
  const describe = (item: SubmittedItem) =>
    `Comune di ${item.comuneName}, inviata il ${formatItalianDateTime(item.submittedAt)}`;
  const linkLabel = 'Le rendicontazioni in RTD Hub';

  const lines = input.submitted.map((item) => `- ${oneLine(item.objectiveTitle)} (${describe(item)})`);
  const text = [greeting, '', intro, ...(lines.length > 0 ? ['', ...lines] : [])]
    .concat(['', `${linkLabel}: ${input.link}`, '', AUTOMATIC_NOTICE])
    .join('\n');

  const list =
    count === 0
      ? []
      : [
          '<ul>',
          ...input.submitted.map(
            (item) =>
              `<li><strong>${escapeHtml(item.objectiveTitle)}</strong> (${escapeHtml(describe(item))})</li>`,
          ),
          '</ul>',
        ];
  const html = htmlDocument(
    subject,
    [paragraph(greeting), paragraph(intro), ...list, `<p>${linkHtml(input.link, linkLabel)}</p>`].join('\n'),
  );
  return { subject, text, html };
}

export interface ConsortiumReportMailInput {
  recipientName: string;
  consortiumName: string;
  /** The day the report describes, `YYYY-MM-DD`. */
  day: string;
  /** The page of the app where the report is downloaded: the file itself never travels by mail. */
  link: string;
}

/** The periodic report is ready: to the consortium's RTD, formal register, a link to the app only. */
export function consortiumReportMail(input: ConsortiumReportMailInput): MailContent {
  const subject = oneLine(`Relazione periodica del consorzio ${input.consortiumName}`);
  const greeting = `Gentile ${input.recipientName},`;
  const body = `la relazione periodica del consorzio ${input.consortiumName}, con la situazione al ${formatItalianDate(input.day)}, è pronta.`;
  const followUp = 'Può scaricarla da RTD Hub, dove resta disponibile per un anno.';
  const linkLabel = 'La relazione in RTD Hub';
  const text = [greeting, '', body, followUp, '', `${linkLabel}: ${input.link}`, '', AUTOMATIC_NOTICE].join(
    '\n',
  );
  const html = htmlDocument(
    subject,
    [
      paragraph(greeting),
      paragraph(body),
      paragraph(followUp),
      `<p>${linkHtml(input.link, linkLabel)}</p>`,
    ].join('\n'),
  );
  return { subject, text, html };
}

/**
 * The mail with its one-click unsubscribe in the footer, under the automatic notice: the same
 * link as its List-Unsubscribe header, which opens a confirmation page (no change on a mere visit).
 */
export function withUnsubscribe(mail: MailContent, url: string): MailContent {
  const line = 'Per non ricevere più messaggi di questo tipo';
  return {
    subject: mail.subject,
    text: `${mail.text}\n${line}: ${url}\nPuò scegliere come ricevere ogni avviso nella pagina Notifiche di RTD Hub.`,
    html: mail.html.replace(
      '</body>',
      `<p style="font-size:12px;color:#666">${linkHtml(url, line)}. Può scegliere come ricevere ogni avviso nella pagina Notifiche di RTD Hub.</p>\n</body>`,
    ),
  };
}
