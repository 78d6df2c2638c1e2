/**
 * The mails of issue 22 (new activities, submissions, reminders, changes, the daily summary), as
 * pure functions: formal register ("Lei"), the comune, the objective and the due date in the
 * subject, plain text and HTML saying the same thing.
 */
import {
  AUTOMATIC_NOTICE,
  comuneNamesText,
  escapeHtml,
  formatItalianDate,
  htmlDocument,
  linkHtml,
  MailContent,
  oneLine,
  paragraph,
} from '../templates';

export interface NoticeItem {
  objectiveTitle: string;
  /** `YYYY-MM-DD`, or null when the objective has none. */
  dueDate: string | null;
  link: string;
}

const dueText = (due: string | null) => (due ? `scadenza ${formatItalianDate(due)}` : 'senza scadenza');

const itemLine = (i: NoticeItem) => `- ${oneLine(i.objectiveTitle)} (${dueText(i.dueDate)}): ${i.link}`;

function itemList(items: NoticeItem[]): string {
  return [
    '<ul>',
    ...items.map(
      (i) =>
        `<li><strong>${escapeHtml(i.objectiveTitle)}</strong> (${escapeHtml(dueText(i.dueDate))}): ${linkHtml(i.link, "Apri l'attività in RTD Hub")}</li>`,
    ),
    '</ul>',
  ].join('\n');
}

function noticeMail(
  subject: string,
  recipientName: string,
  intro: string,
  items: NoticeItem[],
  closing?: string,
) {
  const greeting = `Gentile ${recipientName},`;
  const text = [
    greeting,
    '',
    intro,
    '',
    ...items.map(itemLine),
    ...(closing ? ['', closing] : []),
    '',
    AUTOMATIC_NOTICE,
  ].join('\n');
  const list = itemList(items);
  const html = htmlDocument(
    subject,
    [paragraph(greeting), paragraph(intro), list, ...(closing ? [paragraph(closing)] : [])].join('\n'),
  );
  return { subject: oneLine(subject), text, html };
}

/** After a publish: the comune's new activities, with due dates and links. */
export function newAssignmentsMail(input: {
  recipientName: string;
  comuneName: string;
  items: NoticeItem[];
}): MailContent {
  const first = input.items[0];
  const subject =
    input.items.length === 1
      ? `Nuova attività per il Comune di ${input.comuneName}: ${first.objectiveTitle} – ${dueText(first.dueDate)}`
      : `Nuove attività (${input.items.length}) per il Comune di ${input.comuneName}: ${first.objectiveTitle} e altre – ${dueText(first.dueDate)}`;
  const intro =
    input.items.length === 1
      ? `l'Ufficio RTD ha assegnato al Comune di ${input.comuneName} una nuova attività da rendicontare.`
      : `l'Ufficio RTD ha assegnato al Comune di ${input.comuneName} ${input.items.length} nuove attività da rendicontare.`;
  return noticeMail(
    subject,
    input.recipientName,
    intro,
    input.items,
    'La invitiamo a indicare lo stato di avanzamento e a inviare il resoconto entro la scadenza.',
  );
}

/** A comune's part of a mail about several comuni: its name and its activities. */
export interface ComuneNotices {
  comuneName: string;
  items: NoticeItem[];
}

/**
 * After a publish, to a person of several comuni (a segretario in convenzione): one mail listing
 * the new activities under the name of each comune. A person of one comune gets
 * newAssignmentsMail, as before.
 */
export function newAssignmentsByComuneMail(input: {
  recipientName: string;
  comuni: ComuneNotices[];
}): MailContent {
  const comuni = input.comuni.filter((c) => c.items.length > 0);
  if (comuni.length === 1) return newAssignmentsMail({ recipientName: input.recipientName, ...comuni[0] });
  const all = comuni.flatMap((c) => c.items);
  const first = all[0];
  const names = comuneNamesText(comuni.map((c) => c.comuneName));
  const subject = `Nuove attività (${all.length}) per i Comuni di ${names}: ${first.objectiveTitle}${
    all.every((i) => i.objectiveTitle === first.objectiveTitle) ? '' : ' e altre'
  } – ${dueText(first.dueDate)}`;
  const intro = `l'Ufficio RTD ha assegnato ai Comuni di ${names} ${all.length} nuove attività da rendicontare, elencate qui per Comune.`;
  return byComuneMail(
    subject,
    input.recipientName,
    intro,
    comuni,
    'La invitiamo a indicare lo stato di avanzamento e a inviare il resoconto entro la scadenza.',
  );
}

/** A mail to a person of several comuni: an introduction, then each comune under its name. */
function byComuneMail(
  subject: string,
  recipientName: string,
  intro: string,
  comuni: ComuneNotices[],
  closing?: string,
): MailContent {
  const greeting = `Gentile ${recipientName},`;
  const text = [
    greeting,
    '',
    intro,
    ...comuni.flatMap((c) => ['', `Comune di ${c.comuneName}`, ...c.items.map(itemLine)]),
    ...(closing ? ['', closing] : []),
    '',
    AUTOMATIC_NOTICE,
  ].join('\n');
  const html = htmlDocument(
    subject,
    [
      paragraph(greeting),
      paragraph(intro),
      ...comuni.flatMap((c) => [
        `<h3 style="margin:1.2em 0 0.4em">${escapeHtml(`Comune di ${c.comuneName}`)}</h3>`,
        itemList(c.items),
      ]),
      ...(closing ? [paragraph(closing)] : []),
    ].join('\n'),
  );
  return { subject: oneLine(subject), text, html };
}

/** A report sent by a comune, to a reviewer of the office who wants it at once. */
export function submissionMail(input: {
  recipientName: string;
  comuneName: string;
  item: NoticeItem;
}): MailContent {
  const subject = `Resoconto da verificare: ${input.item.objectiveTitle} – Comune di ${input.comuneName} – ${dueText(input.item.dueDate)}`;
  return noticeMail(
    subject,
    input.recipientName,
    `il Comune di ${input.comuneName} ha inviato all'Ufficio RTD il resoconto di questa attività, che attende la verifica.`,
    [input.item],
  );
}

/** The office's reminder ("Sollecita"), to the comune's referents and delegate: one activity or several. */
export function reminderMail(input: {
  recipientName: string;
  comuneName: string;
  items: NoticeItem[];
}): MailContent {
  const [first] = input.items;
  const many = input.items.length > 1;
  const subject = many
    ? `Sollecito: ${first.objectiveTitle} e altre ${input.items.length - 1} attività – Comune di ${input.comuneName} – ${dueText(first.dueDate)}`
    : `Sollecito: ${first.objectiveTitle} – Comune di ${input.comuneName} – ${dueText(first.dueDate)}`;
  return noticeMail(
    subject,
    input.recipientName,
    many
      ? `l'Ufficio RTD Le ricorda che il Comune di ${input.comuneName} non ha ancora inviato il resoconto di queste ${input.items.length} attività.`
      : `l'Ufficio RTD Le ricorda che il Comune di ${input.comuneName} non ha ancora inviato il resoconto di questa attività.`,
    input.items,
    'La invitiamo a completare la rendicontazione e a inviarla appena possibile.',
  );
}

/** A new due date, or a closed objective, to the comune's people. */
export function objectiveChangedMail(input: {
  recipientName: string;
  comuneName: string;
  change: 'due-date' | 'closed';
  item: NoticeItem;
}): MailContent {
  const { item } = input;
  if (input.change === 'closed') {
    return noticeMail(
      `Obiettivo chiuso: ${item.objectiveTitle} – Comune di ${input.comuneName} – ${dueText(item.dueDate)}`,
      input.recipientName,
      `l'Ufficio RTD ha chiuso questo obiettivo: il Comune di ${input.comuneName} non deve più rendicontarlo.`,
      [item],
    );
  }
  return noticeMail(
    `Scadenza cambiata: ${item.objectiveTitle} – Comune di ${input.comuneName} – nuova ${dueText(item.dueDate)}`,
    input.recipientName,
    `l'Ufficio RTD ha cambiato la scadenza di questa attività del Comune di ${input.comuneName}.`,
    [item],
  );
}

/**
 * An objective's change told to a person of several comuni in one mail: its activity in each of
 * them (each with its own due date). One comune: objectiveChangedMail, as before.
 */
export function objectiveChangedByComuneMail(input: {
  recipientName: string;
  change: 'due-date' | 'closed';
  comuni: ComuneNotices[];
}): MailContent {
  const comuni = input.comuni.filter((c) => c.items.length > 0);
  if (comuni.length === 1)
    return objectiveChangedMail({
      recipientName: input.recipientName,
      comuneName: comuni[0].comuneName,
      change: input.change,
      item: comuni[0].items[0],
    });
  const first = comuni[0].items[0];
  const names = comuneNamesText(comuni.map((c) => c.comuneName));
  if (input.change === 'closed')
    return byComuneMail(
      `Obiettivo chiuso: ${first.objectiveTitle} – Comuni di ${names}`,
      input.recipientName,
      `l'Ufficio RTD ha chiuso questo obiettivo: i Comuni di ${names} non devono più rendicontarlo.`,
      comuni,
    );
  return byComuneMail(
    `Scadenza cambiata: ${first.objectiveTitle} – Comuni di ${names} – nuova ${dueText(first.dueDate)}`,
    input.recipientName,
    `l'Ufficio RTD ha cambiato la scadenza di questa attività dei Comuni di ${names}.`,
    comuni,
  );
}

/** The notices a person chose to receive in the daily summary, one kind a mail. */
export function dailySummaryMail(input: {
  recipientName: string;
  kindLabel: string;
  today: string;
  lines: { line: string; link: string }[];
}): MailContent {
  const today = formatItalianDate(input.today);
  const subject = oneLine(
    `Riepilogo giornaliero – ${input.kindLabel} – ${today} – ${input.lines[0]?.line ?? ''}`,
  );
  const greeting = `Gentile ${input.recipientName},`;
  const intro = `ecco gli avvisi di ieri («${input.kindLabel}») che ha scelto di ricevere nel riepilogo giornaliero.`;
  const text = [
    greeting,
    '',
    intro,
    '',
    ...input.lines.map((l) => `- ${oneLine(l.line)}: ${l.link}`),
    '',
    AUTOMATIC_NOTICE,
  ].join('\n');
  const list = [
    '<ul>',
    ...input.lines.map((l) => `<li>${escapeHtml(l.line)}: ${linkHtml(l.link, 'Apri in RTD Hub')}</li>`),
    '</ul>',
  ].join('\n');
  return {
    subject,
    text,
    html: htmlDocument(subject, [paragraph(greeting), paragraph(intro), list].join('\n')),
  };
}
