import { useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { ErrorNotice, Loading } from '../../../components/Feedback';
import { formatDateTime } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import { CALENDAR_FEED_LABEL as L } from '../../../lib/i18n';
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
      setNotice(L.copied);
    } catch {
      setNotice(L.copyFailed);
    }
  };
  const onRegenerate = async () => {
    setConfirming(false);
    const result = await regenerate({});
    if (!result.error) setNotice(L.regenerated);
  };

  return (
    <section aria-labelledby={`${ids}-title`} className="mb-4 rtd-panel">
      <h2 id={`${ids}-title`} className="h4">
        {L.title}
      </h2>
      <p>{L.intro}</p>
      {failure ? <ErrorNotice error={failure} /> : null}
      {notice ? (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      ) : null}
      {fetching && !feed ? <Loading what={L.loading} /> : null}
      {feed ? (
        <>
          <div className="form-group mb-2">
            <label htmlFor={`${ids}-url`} className="active">
              {L.url}
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
            {L.created(
              formatDateTime(feed.createdAt),
              feed.regeneratedAt ? formatDateTime(feed.regeneratedAt) : null,
            )}
          </p>
          <div className="d-flex flex-wrap gap-2">
            <button type="button" className="btn btn-outline-primary" onClick={copy}>
              {L.copy}
            </button>
            <button
              type="button"
              className="btn btn-outline-danger"
              onClick={() => setConfirming(true)}
              disabled={regenerated.fetching}
            >
              {L.regenerate}
            </button>
          </div>
          {confirming ? (
            <div className="mt-3">
              <ConfirmPanel
                question={L.regenerateQuestion}
                confirmLabel={L.regenerateConfirm}
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
