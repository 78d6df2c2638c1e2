import { useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { ErrorNotice, Loading } from '../../../components/Feedback';
import { formatDateTime } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import { CalendarFeedQuery, RegenerateCalendarFeedMutation } from '../api/calendar';

/**
 * "Calendario delle scadenze", for the "Notifiche" page: the person's private feed address, to
 * copy into a calendar application, and its replacement (the old address stops working at once).
 * What the feed holds is the server's (docs/calendar.md).
 */
export function CalendarFeedPanel() {
  const ids = useId();
  const [{ data, fetching, error }] = useQuery({ query: CalendarFeedQuery });
  const [regenerated, regenerate] = useMutation(RegenerateCalendarFeedMutation);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const feed = regenerated.data?.regenerateCalendarFeed ?? data?.calendarFeed;
  const failure = toAppError(error ?? regenerated.error);

  const copy = async () => {
    if (!feed) return;
    try {
      await navigator.clipboard.writeText(feed.url);
      setNotice('Indirizzo copiato negli appunti.');
    } catch {
      setNotice('Copia non riuscita: selezioni l’indirizzo e lo copi a mano.');
    }
  };
  const onRegenerate = async () => {
    setConfirming(false);
    const result = await regenerate({});
    if (!result.error)
      setNotice('Nuovo indirizzo creato: il precedente non funziona più. Aggiorni il calendario.');
  };

  return (
    <section aria-labelledby={`${ids}-title`} className="mb-4 rtd-panel">
      <h2 id={`${ids}-title`} className="h4">
        Calendario delle scadenze
      </h2>
      <p>
        Aggiunga questo indirizzo al Suo calendario (Outlook, Google Calendar, Thunderbird, il telefono) come
        calendario in abbonamento: vi troverà le scadenze delle attività del Suo Comune, di quelle a Lei
        delegate o, per l’ufficio, degli obiettivi. Chi conosce l’indirizzo vede le scadenze: non lo
        condivida.
      </p>
      {failure ? <ErrorNotice error={failure} /> : null}
      {notice ? (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      ) : null}
      {fetching && !feed ? <Loading what="del calendario" /> : null}
      {feed ? (
        <>
          <div className="form-group mb-2">
            <label htmlFor={`${ids}-url`} className="active">
              Indirizzo del calendario
            </label>
            <input
              id={`${ids}-url`}
              className="form-control rtd-hash"
              type="text"
              readOnly
              value={feed.url}
              onFocus={(event) => event.target.select()}
            />
          </div>
          <p className="small text-muted">
            Creato il {formatDateTime(feed.createdAt)}
            {feed.regeneratedAt ? `, rinnovato il ${formatDateTime(feed.regeneratedAt)}` : ''}.
          </p>
          <div className="d-flex flex-wrap gap-2">
            <button type="button" className="btn btn-outline-primary" onClick={copy}>
              Copia l’indirizzo
            </button>
            <button
              type="button"
              className="btn btn-outline-danger"
              onClick={() => setConfirming(true)}
              disabled={regenerated.fetching}
            >
              Genera un nuovo indirizzo
            </button>
          </div>
          {confirming ? (
            <div className="mt-3">
              <ConfirmPanel
                question="Il vecchio indirizzo smetterà subito di funzionare: dovrà aggiungere il nuovo al calendario. Procedere?"
                confirmLabel="Genera il nuovo indirizzo"
                onConfirm={onRegenerate}
                onCancel={() => setConfirming(false)}
              />
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
