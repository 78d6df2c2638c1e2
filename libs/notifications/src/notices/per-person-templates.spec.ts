import { deadlineDigestMail, referentDigestMail, type DeadlineItem } from '../digest-templates';
import { comuneNamesText } from '../templates';
import {
  newAssignmentsByComuneMail,
  newAssignmentsMail,
  objectiveChangedByComuneMail,
  objectiveChangedMail,
} from './notice-templates';

const link = (n: number) => `https://rtdhub.example.it/assegnazioni/5b7e1c1e-0000-4000-8000-00000000000${n}`;

describe('mails to a person of several comuni', () => {
  it('names the comuni the Italian way', () => {
    expect(comuneNamesText(['Crema'])).toBe('Crema');
    expect(comuneNamesText(['Crema', 'Pandino'])).toBe('Crema e Pandino');
    expect(comuneNamesText(['Crema', 'Offanengo', 'Pandino'])).toBe('Crema, Offanengo e Pandino');
  });

  describe('newAssignmentsByComuneMail', () => {
    const item = (
      n: number,
      objectiveTitle = 'Adesione a pagoPA',
      dueDate: string | null = '2027-03-31',
    ) => ({
      objectiveTitle,
      dueDate,
      link: link(n),
    });

    it('is the usual mail for a person of one comune', () => {
      const one = { recipientName: 'Anna Moretti', comuneName: 'Crema', items: [item(1)] };
      expect(newAssignmentsByComuneMail({ recipientName: one.recipientName, comuni: [one] })).toEqual(
        newAssignmentsMail(one),
      );
    });

    it('lists each comune under its heading, in one mail', () => {
      const mail = newAssignmentsByComuneMail({
        recipientName: 'Carla Segreti',
        comuni: [
          { comuneName: 'Crema', items: [item(1)] },
          { comuneName: 'Pandino', items: [item(2), item(3, 'App IO', null)] },
          { comuneName: 'Offanengo', items: [] },
        ],
      });
      expect(mail.subject).toBe(
        'Nuove attività (3) per i Comuni di Crema e Pandino: Adesione a pagoPA e altre – scadenza 31/03/2027',
      );
      expect(mail.text).toContain("l'Ufficio RTD ha assegnato ai Comuni di Crema e Pandino 3 nuove attività");
      expect(mail.text).toContain(
        `Comune di Crema\n- Adesione a pagoPA (scadenza 31/03/2027): ${link(1)}\n\nComune di Pandino\n`,
      );
      expect(mail.text).toContain(`- App IO (senza scadenza): ${link(3)}`);
      expect(mail.text).not.toContain('Offanengo');
      expect(mail.html).toContain('>Comune di Pandino</h3>');
      expect(mail.html.indexOf(link(1))).toBeLessThan(mail.html.indexOf('Comune di Pandino'));
    });

    it('keeps one title in the subject when every comune has the same objective, and escapes names', () => {
      const mail = newAssignmentsByComuneMail({
        recipientName: 'Carla Segreti',
        comuni: [
          { comuneName: 'Crema', items: [item(1)] },
          { comuneName: '<b>Pandino</b>', items: [item(2)] },
        ],
      });
      expect(mail.subject).toMatch(
        /^Nuove attività \(2\) per i Comuni di Crema e <b>Pandino<\/b>: Adesione a pagoPA – /,
      );
      expect(mail.html).not.toContain('<b>Pandino</b>');
      expect(mail.html).toContain('&lt;b&gt;Pandino&lt;/b&gt;');
    });
  });

  describe('deadlineDigestMail', () => {
    const item = (objectiveTitle: string, dueDate: string): DeadlineItem => ({
      objectiveTitle,
      dueDate,
      status: 'IN_PROGRESS',
      progress: 40,
    });
    const crema = {
      comuneName: 'Crema',
      overdue: [item('Adesione a pagoPA', '2023-09-01')],
      dueWithin7: [],
      dueWithin30: [],
    };
    const pandino = {
      comuneName: 'Pandino',
      overdue: [],
      dueWithin7: [item('Accessibilità del sito', '2023-09-23')],
      dueWithin30: [],
    };
    const base = { recipientName: 'Carla Segreti', today: '2023-09-20', link: link(0) };

    it('is the usual digest for a person of one comune', () => {
      expect(deadlineDigestMail({ ...base, comuni: [crema] })).toEqual(
        referentDigestMail({ ...base, ...crema }),
      );
    });

    it('groups the sections under each comune', () => {
      const mail = deadlineDigestMail({ ...base, comuni: [crema, pandino] });
      expect(mail.subject).toBe('Promemoria scadenze RTD – Crema e Pandino – 20/09/2023');
      expect(mail.text).toContain('degli obiettivi dei Comuni di Crema e Pandino che richiedono attenzione');
      expect(mail.text).toContain(
        'Comune di Crema\n\nIn ritardo (1)\n- Adesione a pagoPA: scadenza 01/09/2023 – In corso, avanzamento 40%\n\nComune di Pandino\n\nIn scadenza entro 7 giorni (1)\n',
      );
      expect(mail.html).toContain('>Comune di Crema</h2>');
      expect(mail.html.indexOf('In ritardo')).toBeLessThan(mail.html.indexOf('Comune di Pandino'));
    });
  });
  describe('objectiveChangedByComuneMail', () => {
    const item = (n: number, dueDate: string | null = '2099-06-30') => ({
      objectiveTitle: 'Adesione a pagoPA',
      dueDate,
      link: link(n),
    });

    it('is the usual mail for a person of one comune', () => {
      for (const change of ['due-date', 'closed'] as const)
        expect(
          objectiveChangedByComuneMail({
            recipientName: 'Anna Moretti',
            change,
            comuni: [{ comuneName: 'Crema', items: [item(1)] }],
          }),
        ).toEqual(
          objectiveChangedMail({ recipientName: 'Anna Moretti', comuneName: 'Crema', change, item: item(1) }),
        );
    });

    it('names every comune once and lists each activity under its comune', () => {
      const mail = objectiveChangedByComuneMail({
        recipientName: 'Carla Segreti',
        change: 'due-date',
        comuni: [
          { comuneName: 'Crema', items: [item(1)] },
          { comuneName: 'Pandino', items: [item(2, '2099-07-31')] },
        ],
      });
      expect(mail.subject).toBe(
        'Scadenza cambiata: Adesione a pagoPA – Comuni di Crema e Pandino – nuova scadenza 30/06/2099',
      );
      expect(mail.text.indexOf('Comune di Crema\n')).toBeLessThan(mail.text.indexOf(link(1)));
      expect(mail.text.indexOf(link(1))).toBeLessThan(mail.text.indexOf('Comune di Pandino\n'));
      expect(mail.text).toContain('31/07/2099');
      const closed = objectiveChangedByComuneMail({
        recipientName: 'Carla Segreti',
        change: 'closed',
        comuni: [
          { comuneName: 'Crema', items: [item(1)] },
          { comuneName: 'Pandino', items: [item(2)] },
        ],
      });
      expect(closed.subject).toBe('Obiettivo chiuso: Adesione a pagoPA – Comuni di Crema e Pandino');
      expect(closed.text).toContain('i Comuni di Crema e Pandino non devono più rendicontarlo');
    });
  });
});
