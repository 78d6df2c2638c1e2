import { referentDigestMail, type DeadlineItem } from './digest-templates';
import {
  escapeHtml,
  formatItalianDate,
  formatItalianDateTime,
  officeDigestMail,
  reviewDecisionMail,
} from './templates';

const LINK = 'https://rtdhub.example.it/assegnazioni/5b7e1c1e-0000-4000-8000-000000000001';

describe('mail templates', () => {
  describe('reviewDecisionMail', () => {
    const base = {
      recipientName: 'Anna Moretti',
      comuneName: 'Crema',
      objectiveTitle: 'Migrazione dei servizi al cloud',
      reason: null,
      dueDate: '2023-09-23',
      link: LINK,
    };

    it('announces an approval in Italian', () => {
      const mail = reviewDecisionMail({ ...base, decision: 'APPROVE' });
      expect(mail.subject).toBe('Esito della verifica: Migrazione dei servizi al cloud');
      expect(mail.text).toContain('Gentile Anna Moretti,');
      expect(mail.text).toContain(
        "il resoconto del Comune di Crema sull'obiettivo «Migrazione dei servizi al cloud» è stato validato dall'Ufficio RTD.",
      );
      expect(mail.text).toContain(LINK);
      expect(mail.text).not.toContain('respinto');
      expect(mail.html).toContain('validato dall&#39;Ufficio RTD');
      expect(mail.html).toContain(`<a href="${LINK}"`);
      expect(mail.html).toContain('<html lang="it">');
    });

    it('carries the note of an approval, as the approval form promises', () => {
      const mail = reviewDecisionMail({ ...base, decision: 'APPROVE', reason: 'Ottimo lavoro, grazie.' });
      expect(mail.text).toContain(
        "è stato validato dall'Ufficio RTD, con questa nota: «Ottimo lavoro, grazie».",
      );
      expect(mail.html).toContain('Ottimo lavoro, grazie');
    });

    it('gives the reason and the deadline of a rejection', () => {
      const mail = reviewDecisionMail({
        ...base,
        decision: 'REJECT',
        reason: 'Manca il verbale di collaudo.',
      });
      expect(mail.subject).toBe('Esito della verifica: Migrazione dei servizi al cloud');
      expect(mail.text).toContain(
        "il resoconto del Comune di Crema sull'obiettivo «Migrazione dei servizi al cloud» è stato respinto " +
          "dall'Ufficio RTD con questa motivazione: «Manca il verbale di collaudo».",
      );
      expect(mail.text).toContain('entro il 23/09/2023');
      expect(mail.text).not.toContain('2023-09-23');
      expect(mail.html).toContain('<strong>respinto</strong>');
      expect(mail.html).toContain('«Manca il verbale di collaudo».');
    });

    it('rejects without a reason or a deadline in full sentences', () => {
      const mail = reviewDecisionMail({ ...base, decision: 'REJECT', reason: '  ', dueDate: null });
      expect(mail.text).toContain("è stato respinto dall'Ufficio RTD.");
      expect(mail.text).toContain('La invitiamo ad aggiornare il resoconto e a inviarlo di nuovo.');
      expect(mail.text).not.toMatch(/respinto: *$/m);
    });

    it('speaks of the report, not of the objective', () => {
      for (const decision of ['APPROVE', 'REJECT'] as const) {
        const mail = reviewDecisionMail({ ...base, decision, reason: 'Manca il verbale' });
        expect(mail.text).toMatch(
          /il resoconto del Comune di Crema sull'obiettivo «[^»]+» è stato (validato|respinto)/,
        );
        expect(mail.text).not.toMatch(/l'obiettivo «[^»]+» del Comune/);
        expect(mail.html).toContain('il resoconto del Comune di Crema');
      }
    });

    it('keeps the formal register (Lei) after "Gentile", in every mail', () => {
      // Informal imperatives and pronouns ("Aggiorna", "Apri", "inviala", "ti", "tuo") do not follow "Gentile".
      const informal = /\b(Aggiorna|Apri|Invia|Controlla|inviala|aggiornala|ti|tuo|tua|tuoi|tue)\b/;
      const mails = [
        reviewDecisionMail({ ...base, decision: 'APPROVE' }),
        reviewDecisionMail({ ...base, decision: 'REJECT', reason: 'Manca il verbale' }),
        reviewDecisionMail({ ...base, decision: 'REJECT', reason: null, dueDate: null }),
        referentDigestMail({
          recipientName: 'Anna Moretti',
          comuneName: 'Crema',
          today: '2023-09-01',
          overdue: [],
          dueWithin7: [],
          dueWithin30: [],
          link: LINK,
        }),
        officeDigestMail({
          recipientName: 'Giulia Ferrari',
          consortiumName: 'Ufficio RTD del Cremasco',
          today: '2023-09-01',
          submitted: [],
          link: LINK,
        }),
      ];
      for (const mail of mails) {
        expect(mail.text).toMatch(/^Gentile /);
        expect(mail.text).not.toMatch(informal);
        expect(mail.html).not.toMatch(informal);
        expect(mail.text).not.toMatch(/(?<!si prega di )non rispondere/);
      }
      expect(mails[1].text).toContain(
        'La invitiamo ad aggiornare il resoconto e a inviarlo di nuovo entro il 23/09/2023.',
      );
    });

    it.each([
      ['Manca il verbale', '«Manca il verbale».'],
      ['Manca il verbale.', '«Manca il verbale».'],
      ['Manca il verbale;  ', '«Manca il verbale».'],
      ['Dov’è il verbale?', '«Dov’è il verbale?»'],
    ])('quotes the reason %j as a sentence that ends', (reason, quoted) => {
      const mail = reviewDecisionMail({ ...base, decision: 'REJECT', reason });
      expect(mail.text).toContain(`con questa motivazione: ${quoted}\n`);
      expect(mail.html).toContain(escapeHtml(quoted));
    });

    it('escapes markup coming from titles, names and reasons', () => {
      const mail = reviewDecisionMail({
        ...base,
        objectiveTitle: '<script>alert("x")</script> & co.',
        comuneName: 'Crema <b>',
        decision: 'REJECT',
        reason: '<img src=x onerror=alert(1)>',
      });
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('<img');
      expect(mail.html).not.toContain('<b>');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co.');
      expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      // The plain-text version is not HTML: it shows the title as typed.
      expect(mail.text).toContain('«<script>alert("x")</script> & co.»');
      expect(mail.subject).toBe('Esito della verifica: <script>alert("x")</script> & co.');
    });

    it('keeps the subject on one line', () => {
      const mail = reviewDecisionMail({
        ...base,
        decision: 'APPROVE',
        objectiveTitle: 'Riga uno\r\nriga  due',
      });
      expect(mail.subject).toBe('Esito della verifica: Riga uno riga due');
    });

    it('never makes a non-web link clickable', () => {
      const mail = reviewDecisionMail({ ...base, decision: 'APPROVE', link: 'javascript:alert(1)' });
      expect(mail.html).not.toContain('href="javascript:');
    });
  });

  describe('referentDigestMail', () => {
    const item = (
      objectiveTitle: string,
      dueDate: string,
      status: DeadlineItem['status'],
      progress: number | null,
    ) => ({
      objectiveTitle,
      dueDate,
      status,
      progress,
    });
    const base = {
      recipientName: 'Anna Moretti',
      comuneName: 'Crema',
      today: '2023-09-20',
      overdue: [item('Adesione a pagoPA', '2023-09-01', 'IN_PROGRESS' as const, 40)],
      dueWithin7: [item('Accessibilità del sito', '2023-09-23', 'NOT_STARTED' as const, null)],
      dueWithin30: [item('Piano di migrazione', '2023-10-15', 'REJECTED' as const, 80)],
      link: LINK,
    };

    it('lists the three sections with Italian dates and statuses', () => {
      const mail = referentDigestMail(base);
      expect(mail.subject).toBe('Promemoria scadenze RTD – Crema – 20/09/2023');
      expect(mail.text).toContain('In ritardo (1)');
      expect(mail.text).toContain('- Adesione a pagoPA: scadenza 01/09/2023 – In corso, avanzamento 40%');
      expect(mail.text).toContain('In scadenza entro 7 giorni (1)');
      expect(mail.text).toContain('- Accessibilità del sito: scadenza 23/09/2023 – Non avviata');
      expect(mail.text).not.toContain('Non avviata, avanzamento');
      expect(mail.text).toContain('In scadenza entro 30 giorni (1)');
      expect(mail.text).toContain('scadenza 15/10/2023 – Respinta, avanzamento 80%');
      expect(mail.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(mail.html).toContain('In scadenza entro 7 giorni (1)</h3>');
      expect(mail.html).toContain('<strong>Accessibilità del sito</strong>');
      expect(mail.text.indexOf('In ritardo')).toBeLessThan(mail.text.indexOf('entro 7 giorni'));
      expect(mail.text.indexOf('entro 7 giorni')).toBeLessThan(mail.text.indexOf('entro 30 giorni'));
    });

    it('translates every status', () => {
      const statuses = [
        ['NOT_STARTED', 'Non avviata'],
        ['IN_PROGRESS', 'In corso'],
        ['SUBMITTED', 'Inviata, da validare'],
        ['COMPLETED', 'Completata'],
        ['REJECTED', 'Respinta'],
        ['NOT_APPLICABLE', 'Non applicabile'],
      ] as const;
      const mail = referentDigestMail({
        ...base,
        overdue: statuses.map(([status]) => item(`Obiettivo ${status}`, '2023-09-01', status, 10)),
      });
      for (const [status, label] of statuses) {
        expect(mail.text).toContain(`Obiettivo ${status}: scadenza 01/09/2023 – ${label}, avanzamento 10%`);
      }
    });

    it('omits empty sections', () => {
      const mail = referentDigestMail({ ...base, overdue: [], dueWithin30: [] });
      expect(mail.text).not.toContain('In ritardo');
      expect(mail.text).not.toContain('entro 30 giorni');
      expect(mail.html).not.toContain('In ritardo');
      expect(mail.html).not.toContain('entro 30 giorni');
      expect(mail.text).toContain('In scadenza entro 7 giorni (1)');
    });

    it('says so when nothing is due', () => {
      const mail = referentDigestMail({ ...base, overdue: [], dueWithin7: [], dueWithin30: [] });
      expect(mail.text).toContain('non ci sono obiettivi del Comune di Crema in ritardo o in scadenza');
      expect(mail.html).not.toContain('<ul>');
    });

    it('escapes titles in the HTML version', () => {
      const mail = referentDigestMail({
        ...base,
        overdue: [item('<script>alert(1)</script>', '2023-09-01', 'IN_PROGRESS', 0)],
      });
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });
  });

  describe('officeDigestMail', () => {
    it('lists submissions to verify with their Rome submission time', () => {
      const mail = officeDigestMail({
        recipientName: 'Giulia Ferrari',
        consortiumName: 'Ufficio RTD associato del Cremasco',
        today: '2023-09-20',
        submitted: [
          { objectiveTitle: 'Adesione a pagoPA', comuneName: 'Crema', submittedAt: '2023-09-19T08:05:00Z' },
          {
            objectiveTitle: 'App IO',
            comuneName: 'Offanengo',
            submittedAt: new Date('2023-12-31T23:30:00Z'),
          },
        ],
        link: LINK,
      });
      expect(mail.subject).toBe(
        'Rendicontazioni da verificare (2) – Ufficio RTD associato del Cremasco – 20/09/2023',
      );
      expect(mail.text).toContain('ci sono 2 rendicontazioni');
      // Summer time (UTC+2) and winter time (UTC+1), with the date rolling over into the new year.
      expect(mail.text).toContain('- Adesione a pagoPA (Comune di Crema, inviata il 19/09/2023 alle 10:05)');
      expect(mail.text).toContain('- App IO (Comune di Offanengo, inviata il 01/01/2024 alle 00:30)');
      expect(mail.html).toContain('<strong>App IO</strong>');
    });

    it('uses the singular for one submission and says so when there are none', () => {
      const base = {
        recipientName: 'Giulia Ferrari',
        consortiumName: 'Cremasco',
        today: '2023-09-20',
        link: LINK,
      };
      const one = officeDigestMail({
        ...base,
        submitted: [{ objectiveTitle: 'App IO', comuneName: 'Crema', submittedAt: '2023-09-19T08:05:00Z' }],
      });
      expect(one.text).toContain("c'è 1 rendicontazione inviata");
      const none = officeDigestMail({ ...base, submitted: [] });
      expect(none.subject).toBe('Rendicontazioni da verificare (0) – Cremasco – 20/09/2023');
      expect(none.text).toContain('non ci sono rendicontazioni in attesa di verifica');
      expect(none.html).not.toContain('<ul>');
    });
  });

  describe('helpers', () => {
    it('formats dates the Italian way without shifting the day', () => {
      expect(formatItalianDate('2023-09-23')).toBe('23/09/2023');
      expect(formatItalianDate('2024-01-01')).toBe('01/01/2024');
      expect(formatItalianDateTime('2023-06-30T22:15:00Z')).toBe('01/07/2023 alle 00:15');
    });

    it('escapes every HTML special character', () => {
      expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
        '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
      );
    });
  });
});
