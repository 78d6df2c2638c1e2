import { Button, Table } from 'design-react-kit';
import { useId, useMemo } from 'react';
import { useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { SelectField, TextAreaField, TextField } from '../../../components/Fields';
import { PageTitle } from '../../../components/PageTitle';
import { toAppError } from '../../../lib/errors';
import { CONSORTIA_LABEL as L } from '../../../lib/i18n';
import { OperatorConsortiaQuery } from '../api/consortia';
import { useConsortiumForm, useRtdForm } from '../hooks/useConsortiumForm';

/** "Consorzi": the operator lists the consortia, founds one with its comuni, and names its RTD. */
export function ConsortiaPage() {
  const ids = useId();
  const [{ data, fetching, error }, refetch] = useQuery({ query: OperatorConsortiaQuery });
  const consortia = useMemo(
    () => [...(data?.consortia ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'it')),
    [data],
  );
  const rtd = useRtdForm();
  const found = useConsortiumForm((consortium) => {
    refetch({ requestPolicy: 'network-only' });
    rtd.startFor(consortium.id);
  });
  const appError = toAppError(error);
  const rtdConsortiumId = `${ids}-rtd-consortium`;

  return (
    <>
      <PageTitle title={L.title}>{L.title}</PageTitle>
      <p className="lead">{L.lead}</p>
      {appError ? <ErrorNotice error={appError} /> : null}
      {fetching && !data ? <Loading what={L.loading} /> : null}
      {data && consortia.length === 0 ? <EmptyState title={L.emptyTitle}>{L.emptyText}</EmptyState> : null}
      {consortia.length > 0 ? (
        <div className="mb-5">
          <Table responsive>
            <caption>{L.caption(consortia.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{L.consortium}</th>
                <th scope="col" className="text-end">
                  {L.comuni}
                </th>
              </tr>
            </thead>
            <tbody>
              {consortia.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td className="text-end">{c.comuneCount}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      ) : null}

      <section className="rtd-panel mb-5" aria-labelledby={`${ids}-create`}>
        <h2 id={`${ids}-create`} className="h4">
          {L.createTitle}
        </h2>
        {found.failure ? <ErrorNotice error={found.failure} /> : null}
        {found.created ? (
          <div className="alert alert-success" role="status">
            {found.created}
          </div>
        ) : null}
        <form onSubmit={found.submit} noValidate aria-label={L.createTitle}>
          <TextField
            id={`${ids}-name`}
            label={L.name}
            className="mb-3"
            inputRef={found.nameRef}
            value={found.name}
            maxLength={200}
            error={found.nameError}
            onChange={(e) => found.setName(e.target.value)}
          />
          <TextAreaField
            id={`${ids}-codes`}
            label={L.codes}
            className="mb-3"
            inputClassName="rtd-codes"
            inputRef={found.codesRef}
            rows={6}
            value={found.codesText}
            help={L.codesHelp}
            error={
              found.codeProblems.length ? (
                <ul className="ps-3 mb-0 small">
                  {found.codeProblems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              ) : null
            }
            onChange={(e) => found.setCodesText(e.target.value)}
          />
          {found.checked && found.checked.length > 0 ? (
            <div className="mb-3" aria-live="polite">
              <p className="fw-semibold mb-1">{L.recognised(found.checked.length)}:</p>
              <p className="small">
                {found.checked.map((c) => `${c.name} (${c.istatCode}, ${c.provinceName})`).join('; ')}
              </p>
            </div>
          ) : null}
          <div className="d-flex flex-wrap gap-2">
            <Button
              type="button"
              color="primary"
              outline
              disabled={found.checking}
              onClick={() => void found.verify()}
            >
              {L.verify}
            </Button>
            <Button type="submit" color="primary" disabled={found.busy}>
              {L.create}
            </Button>
          </div>
        </form>
      </section>

      <section className="rtd-panel mb-5" aria-labelledby={`${ids}-rtd`}>
        <h2 id={`${ids}-rtd`} className="h4">
          {L.rtdTitle}
        </h2>
        <p className="small">{L.rtdIntro}</p>
        {rtd.failure ? <ErrorNotice error={rtd.failure} /> : null}
        {rtd.done ? (
          <div className="alert alert-success" role="status">
            {rtd.done}
          </div>
        ) : null}
        <form onSubmit={(e) => void rtd.submit(e, rtdConsortiumId)} noValidate aria-label={L.rtdForm}>
          <div className="row">
            <SelectField
              id={rtdConsortiumId}
              label={L.consortium}
              className="col-12 col-md-7 mb-3"
              value={rtd.consortiumId}
              onChange={rtd.setConsortiumId}
              placeholder={L.chooseConsortium}
              options={consortia.map((c) => [c.id, c.name] as const)}
              error={rtd.errors.consortium}
            />
            <TextField
              id={`${ids}-rtd-cf`}
              label={L.rtdFiscalCode}
              className="col-12 col-md-5 mb-3"
              inputClassName="rtd-codes"
              inputRef={rtd.fiscalRef}
              value={rtd.fiscalCode}
              maxLength={20}
              autoComplete="off"
              spellCheck={false}
              error={rtd.errors.fiscalCode}
              onChange={(e) => rtd.setFiscalCode(e.target.value.toUpperCase())}
            />
          </div>
          <Button type="submit" color="primary" disabled={rtd.busy}>
            {L.grant}
          </Button>
        </form>
      </section>
    </>
  );
}
