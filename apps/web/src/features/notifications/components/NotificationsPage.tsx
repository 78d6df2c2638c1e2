import { useState, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import type { NotificationDelivery, NotificationKind } from '../../../gql/graphql';
import { toAppError } from '../../../lib/errors';
import { NOTIFICATION_DELIVERY_LABEL, NOTIFICATIONS_LABEL as L } from '../../../lib/i18n';
import { NotificationPreferencesQuery, SetNotificationPreferenceMutation } from '../api/notifications';

/**
 * "Notifiche": for each kind of e-mail, at once, in the daily summary, or off; the choices each
 * kind allows come from the server. A choice is saved as soon as it is made. Below, the private
 * calendar of the deadlines (`calendar`: the calendar feature's panel, composed by the route).
 */
export function NotificationsPage({ calendar }: { calendar?: ReactNode }) {
  const [{ data, fetching, error }] = useQuery({ query: NotificationPreferencesQuery });
  const [saving, save] = useMutation(SetNotificationPreferenceMutation);
  const [saved, setSaved] = useState<string | null>(null);
  // The choice shows at once; the server's answer confirms it (or the error says why not).
  const [chosen, setChosen] = useState<Partial<Record<NotificationKind, NotificationDelivery>>>({});
  const problem = toAppError(error ?? saving.error ?? null);

  const choose = async (kind: NotificationKind, label: string, delivery: NotificationDelivery) => {
    setSaved(null);
    setChosen((current) => ({ ...current, [kind]: delivery }));
    const result = await save({ kind, delivery });
    if (result.error) setChosen((current) => ({ ...current, [kind]: undefined }));
    else setSaved(L.saved(label, NOTIFICATION_DELIVERY_LABEL[delivery].toLowerCase()));
  };

  return (
    <>
      <PageTitle title={L.title}>{L.title}</PageTitle>
      <h2 className="h4">{L.email}</h2>
      <p>{L.intro}</p>
      {problem ? <ErrorNotice error={problem} /> : null}
      {fetching && !data ? <Loading what={L.loading} /> : null}
      <div role="status" aria-live="polite" className="mb-3">
        {saved ? <span className="text-success fw-semibold">{saved}</span> : null}
      </div>
      {data ? (
        <form onSubmit={(e) => e.preventDefault()} aria-label={L.preferences}>
          {data.notificationPreferences.map((preference) => (
            <fieldset key={preference.kind} className="rtd-notification-kind border rounded p-3 mb-3">
              <legend className="fs-5 fw-semibold float-none w-auto px-1 mb-1">{preference.label}</legend>
              <p className="mb-2">{preference.description}</p>
              <div className="d-flex flex-wrap gap-3">
                {preference.allowedDeliveries.map((delivery) => {
                  const id = `notifica-${preference.kind}-${delivery}`;
                  return (
                    <div className="form-check mb-0" key={delivery}>
                      <input
                        className="form-check-input"
                        type="radio"
                        id={id}
                        name={preference.kind}
                        checked={(chosen[preference.kind] ?? preference.delivery) === delivery}
                        disabled={saving.fetching}
                        onChange={() => void choose(preference.kind, preference.label, delivery)}
                      />
                      <label className="form-check-label" htmlFor={id}>
                        {NOTIFICATION_DELIVERY_LABEL[delivery]}
                      </label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          ))}
          {data.notificationPreferences.some((p) => p.kind === 'NEW_ASSIGNMENTS') ? (
            <fieldset className="border rounded p-3 mb-3">
              <legend className="fs-5 fw-semibold float-none w-auto px-1 mb-1">{L.review}</legend>
              <p className="mb-0">{L.reviewText}</p>
            </fieldset>
          ) : null}
        </form>
      ) : null}
      {calendar}
    </>
  );
}
