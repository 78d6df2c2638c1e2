/**
 * The morning deadline digest («Promemoria scadenze RTD»): of one comune, or of all the comuni of a
 * person who serves several ("segreteria in convenzione"), as pure functions like the other templates.
 */
import {
  AUTOMATIC_NOTICE,
  comuneNamesText,
  escapeHtml,
  formatItalianDate,
  htmlDocument,
  linkHtml,
  MailAssignmentStatus,
  MailContent,
  oneLine,
  paragraph,
  statusLabel,
} from './templates';

export interface DeadlineItem {
  objectiveTitle: string;
  /** `YYYY-MM-DD` */
  dueDate: string;
  status: MailAssignmentStatus;
  /** Percentage 0-100 as reported by the municipality, null when never reported. */
  progress: number | null;
}

export interface ReferentDigestMailInput {
  recipientName: string;
  comuneName: string;
  /** `YYYY-MM-DD`, the day in Rome the digest is about. */
  today: string;
  overdue: DeadlineItem[];
  dueWithin7: DeadlineItem[];
  dueWithin30: DeadlineItem[];
  link: string;
}

function describeItem(item: DeadlineItem): string {
  const progress = item.progress === null ? '' : `, avanzamento ${Math.round(item.progress)}%`;
  return `scadenza ${formatItalianDate(item.dueDate)} – ${statusLabel(item.status)}${progress}`;
}

type DigestSection = ReturnType<typeof digestSections>[number];

/** A section's lines in the text part: its title and count, then one line per activity. */
function sectionText(section: DigestSection): string[] {
  return [
    `${section.title} (${section.items.length})`,
    ...section.items.map((item) => `- ${oneLine(item.objectiveTitle)}: ${describeItem(item)}`),
  ];
}

/** A section in the HTML part, its title in the section's colour (`top`: the space above it). */
function sectionHtml(section: DigestSection, top: string): string {
  return [
    `<h3 style="margin:${top} 0 0.4em;color:${section.accent}">${escapeHtml(section.title)} (${section.items.length})</h3>`,
    '<ul>',
    ...section.items.map(
      (item) =>
        `<li><strong>${escapeHtml(item.objectiveTitle)}</strong>: ${escapeHtml(describeItem(item))}</li>`,
    ),
    '</ul>',
  ].join('\n');
}

export function referentDigestMail(input: ReferentDigestMailInput): MailContent {
  const today = formatItalianDate(input.today);
  const subject = oneLine(`Promemoria scadenze RTD – ${input.comuneName} – ${today}`);
  const greeting = `Gentile ${input.recipientName},`;
  const sections = digestSections(input);
  const intro =
    sections.length > 0
      ? `ecco il riepilogo al ${today} degli obiettivi del Comune di ${input.comuneName} che richiedono attenzione.`
      : `al ${today} non ci sono obiettivi del Comune di ${input.comuneName} in ritardo o in scadenza nei prossimi 30 giorni.`;
  const linkLabel = 'Gli obiettivi del Comune in RTD Hub';

  const textSections = sections.map((section) => sectionText(section).join('\n'));
  const text = [
    greeting,
    '',
    intro,
    ...textSections.flatMap((s) => ['', s]),
    '',
    `${linkLabel}: ${input.link}`,
  ]
    .concat(['', AUTOMATIC_NOTICE])
    .join('\n');

  const htmlSections = sections.map((section) => sectionHtml(section, '1.2em'));
  const html = htmlDocument(
    subject,
    [
      paragraph(greeting),
      paragraph(intro),
      ...htmlSections,
      `<p>${linkHtml(input.link, linkLabel)}</p>`,
    ].join('\n'),
  );
  return { subject, text, html };
}

/** One comune's part of a deadline digest. */
export interface ComuneDeadlines {
  comuneName: string;
  overdue: DeadlineItem[];
  dueWithin7: DeadlineItem[];
  dueWithin30: DeadlineItem[];
}

export interface DeadlineDigestMailInput {
  recipientName: string;
  /** `YYYY-MM-DD`, the day in Rome the digest is about. */
  today: string;
  /** The person's comuni, in the order shown. */
  comuni: ComuneDeadlines[];
  link: string;
}

function digestSections(comune: ComuneDeadlines) {
  return [
    { title: 'In ritardo', items: comune.overdue, accent: '#c00' },
    { title: 'In scadenza entro 7 giorni', items: comune.dueWithin7, accent: '#d98200' },
    { title: 'In scadenza entro 30 giorni', items: comune.dueWithin30, accent: '#0066cc' },
  ].filter((section) => section.items.length > 0);
}

/**
 * The morning deadline digest of a person: of their one comune as referentDigestMail, or, for a
 * person of several comuni (a segretario in convenzione), one mail with a heading per comune and
 * that comune's sections under it.
 */
export function deadlineDigestMail(input: DeadlineDigestMailInput): MailContent {
  const comuni = input.comuni.filter((c) => digestSections(c).length > 0);
  if (comuni.length <= 1) {
    const only = comuni[0] ?? input.comuni[0];
    return referentDigestMail({
      recipientName: input.recipientName,
      today: input.today,
      link: input.link,
      ...only,
    });
  }
  const today = formatItalianDate(input.today);
  const names = comuneNamesText(comuni.map((c) => c.comuneName));
  const subject = oneLine(`Promemoria scadenze RTD – ${names} – ${today}`);
  const greeting = `Gentile ${input.recipientName},`;
  const intro = `ecco il riepilogo al ${today} degli obiettivi dei Comuni di ${names} che richiedono attenzione, Comune per Comune.`;
  const linkLabel = 'Gli obiettivi dei Comuni in RTD Hub';
  const text = [
    greeting,
    '',
    intro,
    ...comuni.flatMap((comune) => [
      '',
      `Comune di ${comune.comuneName}`,
      ...digestSections(comune).flatMap((section) => ['', ...sectionText(section)]),
    ]),
    '',
    `${linkLabel}: ${input.link}`,
    '',
    AUTOMATIC_NOTICE,
  ].join('\n');
  const html = htmlDocument(
    subject,
    [
      paragraph(greeting),
      paragraph(intro),
      ...comuni.flatMap((comune) => [
        `<h2 style="margin:1.4em 0 0.2em;font-size:18px">${escapeHtml(`Comune di ${comune.comuneName}`)}</h2>`,
        ...digestSections(comune).map((section) => sectionHtml(section, '0.8em')),
      ]),
      `<p>${linkHtml(input.link, linkLabel)}</p>`,
    ].join('\n'),
  );
  return { subject, text, html };
}
