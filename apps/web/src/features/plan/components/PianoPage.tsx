import { Button } from 'design-react-kit';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import type { InterventoAxis, InterventoHorizon } from '../../../gql/graphql';
import { toAppError } from '../../../lib/errors';
import { PIANO_PAGE_LABEL as L } from '../../../lib/i18n';
import { CreatePianoVersionMutation, PianoQuery, PublishPianoVersionMutation } from '../api/plan';
import { AXIS_LABEL, FUNDING_LABEL, HORIZON_LABEL, PIANO_STATE_LABEL } from '../../../lib/i18n';
import { CoverageSection } from './CoverageSection';
import { ApproveForm, CURRENT_EDITION, EDITION, NewIntervento } from './PianoForms';
import { PianoDownloads } from './PianoDownloads';
const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const number = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });

function semesterRange(start: string, end: string): string[] {
  const index = (p: string) => Number(p.slice(0, 4)) * 2 + Number(p.slice(6)) - 1;
  const out: string[] = [];
  for (let i = index(start); i <= index(end); i++) out.push(`${Math.floor(i / 2)}-S${(i % 2) + 1}`);
  return out;
}
const semesterLabel = (p: string) => `${p.slice(6) === '1' ? 'I' : 'II'} sem. ${p.slice(0, 4)}`;

/**
 * "Il Piano del consorzio": the office's own Piano (issue 25). The quadro riassuntivo with its
 * filters, the coverage of the Piano Triennale's lines, the cronoprogramma by semester and the
 * indicators against their targets; RTD and staff start the yearly update, add schede to the
 * draft, record its approval and publish it. The server decides who may edit (`canEdit`).
 */
export function PianoPage({ consortiumId, canWrite }: { consortiumId: string; canWrite: boolean }) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PianoQuery,
    variables: { consortiumId, edition: EDITION, currentEdition: CURRENT_EDITION },
  });
  const [axis, setAxis] = useState<'' | InterventoAxis>('');
  const [horizon, setHorizon] = useState<'' | InterventoHorizon>('');
  const piano = data?.piano ?? null;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [created, createVersion] = useMutation(CreatePianoVersionMutation);
  const [published, publish] = useMutation(PublishPianoVersionMutation);
  const appError = toAppError(error ?? created.error ?? published.error);

  const interventi = useMemo(
    () =>
      (piano?.interventi ?? []).filter(
        (i) => (!axis || i.axis === axis) && (!horizon || i.horizon === horizon),
      ),
    [piano, axis, horizon],
  );
  const semesters = useMemo(() => {
    const all = (piano?.interventi ?? []).filter((i) => i.startPeriod && i.endPeriod);
    if (all.length === 0) return [];
    const start = all.map((i) => i.startPeriod!).sort()[0];
    const end = all
      .map((i) => i.endPeriod!)
      .sort()
      .at(-1)!;
    return semesterRange(start, end);
  }, [piano]);
  const hasDraft = (data?.pianoVersions ?? []).some((v) => v.state === 'DRAFT');

  return (
    <>
      <PageTitle title={L.title}>{L.title}</PageTitle>
      {appError ? <ErrorNotice error={appError} /> : null}
      {fetching && !data ? <Loading what={L.loading} /> : null}
      {data && !piano ? <EmptyState title={L.empty} /> : null}
      {canWrite && data && !hasDraft ? (
        <Button
          type="button"
          color="primary"
          outline
          className="mb-3"
          onClick={async () => {
            const year = new Date().getFullYear() + 1;
            const res = await createVersion({ input: { consortiumId, year } });
            if (!res.error) reload();
          }}
        >
          {piano ? L.startUpdate : L.create}
        </Button>
      ) : null}
      {piano ? (
        <>
          <section aria-labelledby="versione" className="mb-4">
            <h2 id="versione" className="h4">
              {piano.title}
            </h2>
            <p>
              {L.version(piano.number, piano.year)}
              <strong>{PIANO_STATE_LABEL[piano.state]}</strong>
              {piano.approvedOn
                ? L.approved(new Date(piano.approvedOn).toLocaleDateString('it-IT'), piano.approvalAct ?? '')
                : ''}
            </p>
            <PianoDownloads versionId={piano.id} />
            {piano.canEdit ? <ApproveForm versionId={piano.id} onDone={reload} /> : null}
            {canWrite && piano.state === 'APPROVED' ? (
              <Button
                type="button"
                color="primary"
                onClick={async () => (await publish({ id: piano.id })).error || reload()}
              >
                {L.publish}
              </Button>
            ) : null}
          </section>

          <section aria-labelledby="quadro" className="mb-4">
            <h2 id="quadro" className="h4">
              {L.summary}
            </h2>
            <div className="d-flex flex-wrap gap-3 mb-2">
              <label>
                {L.axis}{' '}
                <select
                  className="form-select"
                  value={axis}
                  onChange={(e) => setAxis(e.target.value as InterventoAxis | '')}
                >
                  <option value="">{L.allAxes}</option>
                  {Object.entries(AXIS_LABEL).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {L.horizon}{' '}
                <select
                  className="form-select"
                  value={horizon}
                  onChange={(e) => setHorizon(e.target.value as InterventoHorizon | '')}
                >
                  <option value="">{L.allHorizons}</option>
                  {Object.entries(HORIZON_LABEL).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <div className="table-responsive">
              <table className="table table-sm">
                <caption>{L.caption(interventi.length)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{L.code}</th>
                    <th scope="col">{L.intervento}</th>
                    <th scope="col">{L.horizon}</th>
                    <th scope="col">{L.axisShort}</th>
                    <th scope="col">{L.planLines}</th>
                    <th scope="col">{L.period}</th>
                    <th scope="col">{L.cost}</th>
                    <th scope="col">{L.funding}</th>
                  </tr>
                </thead>
                <tbody>
                  {interventi.map((i) => (
                    <tr key={i.id}>
                      <th scope="row">
                        <Link to={`/piano-consorzio/schede/${i.id}`}>{i.code}</Link>
                      </th>
                      <td>
                        {i.title}
                        {i.removedReason ? <div className="small text-muted">{i.removedReason}</div> : null}
                      </td>
                      <td>{HORIZON_LABEL[i.horizon]}</td>
                      <td>{AXIS_LABEL[i.axis]}</td>
                      <td>{i.lines.map((l) => l.code).join(', ')}</td>
                      <td>
                        {i.startPeriod && i.endPeriod
                          ? `${semesterLabel(i.startPeriod)} – ${semesterLabel(i.endPeriod)}`
                          : '—'}
                      </td>
                      <td>{euro.format(i.totalCost)}</td>
                      <td>
                        {i.funding
                          .map(
                            (f) =>
                              `${FUNDING_LABEL[f.source]}${f.pnrrMeasure ? ` ${f.pnrrMeasure}` : ''}${f.cup ? ` (CUP ${f.cup})` : ''}`,
                          )
                          .join('; ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {piano.canEdit ? <NewIntervento versionId={piano.id} onDone={reload} /> : null}
          </section>

          <section aria-labelledby="cronoprogramma" className="mb-4">
            <h2 id="cronoprogramma" className="h4">
              {L.gantt}
            </h2>
            <div className="table-responsive" tabIndex={0} role="region" aria-label={L.ganttCaption}>
              <table className="table table-sm table-bordered rtd-gantt">
                <caption>{L.ganttCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{L.intervento}</th>
                    {semesters.map((s) => (
                      <th scope="col" key={s}>
                        {semesterLabel(s)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {(piano.interventi ?? [])
                    .filter((i) => i.startPeriod && i.endPeriod)
                    .map((i) => (
                      <tr key={i.id}>
                        <th scope="row">{i.code}</th>
                        {semesters.map((s) => {
                          const active = s >= i.startPeriod! && s <= i.endPeriod!;
                          return (
                            <td key={s} className={active ? 'bg-primary text-white text-center' : ''}>
                              {active ? (
                                <span aria-label={L.active}>■</span>
                              ) : (
                                <span className="visually-hidden">{L.inactive}</span>
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="indicatori" className="mb-4">
            <h2 id="indicatori" className="h4">
              {L.indicators}
            </h2>
            <div className="table-responsive" tabIndex={0} role="region" aria-label={L.periods}>
              <table className="table table-sm">
                <thead>
                  <tr>
                    <th scope="col">{L.intervento}</th>
                    <th scope="col">{L.indicator}</th>
                    <th scope="col">{L.measuredBy}</th>
                    <th scope="col">{L.periods}</th>
                  </tr>
                </thead>
                <tbody>
                  {piano.interventi.flatMap((i) =>
                    i.indicators.map((x) => (
                      <tr key={x.id}>
                        <th scope="row">{i.code}</th>
                        <td>
                          {x.name}
                          {x.kind === 'YES_NO' ? L.yesNoUnit : x.unit ? ` (${x.unit})` : ''}
                        </td>
                        <td>{x.measuredBy === 'COMUNE' ? L.byComune : L.byOffice}</td>
                        <td>
                          {x.periods.length === 0
                            ? L.noValue
                            : x.periods
                                .map(
                                  (p) =>
                                    `${semesterLabel(p.period)}: ${p.value === null ? '—' : number.format(p.value)}${
                                      p.target === null ? '' : ` / ${number.format(p.target)}`
                                    }${p.onTarget === null ? '' : p.onTarget ? L.onTarget : L.offTarget}`,
                                )
                                .join(' · ')}
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          </section>

          <CoverageSection coverage={piano.coverage} />
          <CoverageSection coverage={piano.current} />
        </>
      ) : null}
    </>
  );
}
