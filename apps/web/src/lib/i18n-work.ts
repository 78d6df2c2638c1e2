/** The office's reminders to a comune (the Attività page and the Cruscotto's laggards). */
export const REMIND_LABEL = {
  title: 'Sollecito',
  intro:
    'Il Comune riceve un’e-mail che gli ricorda di completare la rendicontazione. Si può sollecitare un’attività una volta al giorno; il sollecito resta nella cronologia.',
  sent: 'Sollecito inviato: il Comune riceverà un’e-mail.',
  remindComune: 'Sollecita il Comune',
  remind: 'Sollecita',
  remindComuneOf: (comune: string) => `Sollecita il Comune di ${comune}`,
  reminded: (n: number) => (n === 1 ? 'Sollecitata 1 attività.' : `Sollecitate ${n} attività.`),
} as const;
