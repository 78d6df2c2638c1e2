import { badInput, feminine, masculine, notFound } from './domain-error';
import { echo } from '../text/italian-names';

describe('notFound', () => {
  it('agrees with the gender of what was not found', () => {
    expect(notFound(feminine('Assegnazione')).message).toBe('Assegnazione non trovata o non accessibile');
    expect(notFound(feminine('Esecuzione di invio')).message).toBe(
      'Esecuzione di invio non trovata o non accessibile',
    );
    expect(notFound(feminine('Edizione «2099»')).message).toBe(
      'Edizione «2099» non trovata o non accessibile',
    );
    expect(notFound(masculine('Obiettivo')).message).toBe('Obiettivo non trovato o non accessibile');
    expect(notFound(masculine('Comune')).code).toBe('NOT_FOUND');
  });

  it('never repeats a long input whole', () => {
    const error = notFound(feminine(`Edizione «${echo('x'.repeat(90_000))}»`));
    expect(error.message.length).toBeLessThan(150);
    expect(
      badInput('edition', `edizione «${echo('y'.repeat(90_000))}» inesistente`).message.length,
    ).toBeLessThan(150);
  });
});
