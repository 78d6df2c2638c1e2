import { useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import { errorFor, toAppError, type AppError } from '../../../lib/errors';
import { CONSORTIUM_SETTINGS_LABEL as L } from '../../../lib/i18n';
import { ConsortiumSettingsQuery, UpdateConsortiumSettingsMutation } from '../api/settings';

/**
 * «L'ufficio può inserire gli stati per conto dei Comuni» (issue 23, point 5): a switch for the
 * consortium's RTD, the current state for the rest of the office. Who may change it is the
 * server's answer (`settings.canUpdate`), and the import applies it row by row.
 */
export function OfficeReportsSetting({ consortiumId }: { consortiumId: string }) {
  const id = useId();
  const [settings] = useQuery({ query: ConsortiumSettingsQuery, variables: { id: consortiumId } });
  const [saving, save] = useMutation(UpdateConsortiumSettingsMutation);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  // The switch shows the person's choice at once; the server's answer confirms it or puts it back.
  const [pending, setPending] = useState<boolean | null>(null);
  const current = saving.data?.updateConsortiumSettings ?? settings.data?.consortium?.settings;
  if (!current) return settings.error ? <ErrorNotice error={toAppError(settings.error)!} /> : null;

  const change = async (on: boolean) => {
    setNotice(null);
    setError(null);
    setPending(on);
    const result = await save({ input: { consortiumId, officeReportsForComuni: on } });
    setPending(null);
    if (result.error || !result.data) {
      setError(toAppError(result.error) ?? errorFor('UNKNOWN'));
      return;
    }
    setNotice(L.saved(result.data.updateConsortiumSettings.officeReportsForComuni));
  };

  return (
    <div>
      <div className="form-check form-switch mb-1">
        <input
          id={id}
          className="form-check-input"
          type="checkbox"
          role="switch"
          checked={pending ?? current.officeReportsForComuni}
          disabled={!current.canUpdate || saving.fetching}
          aria-describedby={`${id}-hint`}
          onChange={(event) => void change(event.target.checked)}
        />
        <label className="form-check-label" htmlFor={id}>
          {L.officeReports}
        </label>
      </div>
      <p className="small text-secondary mb-1" id={`${id}-hint`}>
        {L.officeReportsHint} {current.canUpdate ? null : L.onlyRtd}
        {current.officeReportsForComuni ? null : ` ${L.off}`}
      </p>
      <p className="small mb-0" role="status">
        {notice}
      </p>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
