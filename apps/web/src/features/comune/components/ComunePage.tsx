import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import { ProgressBar } from '../../../components/ProgressBar';
import { OverdueBadge, StatusBadge } from '../../../components/StatusBadge';
import type { ComuneSheetAssignmentsQuery as AssignmentsResult, Role } from '../../../gql/graphql';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { toAppError, type AppError } from '../../../lib/errors';
import { PLAN_LABEL, ROLE_LABEL } from '../../../lib/i18n';
import { formatInhabitants } from '../../../lib/plan';
import { ComuneSheetAssignmentsQuery, ComuneSheetMembersQuery, ComuneSheetQuery } from '../api/comune';
import { PnrrFundingSection } from './PnrrFundingSection';
import { StateOfTheArtSection } from './StateOfTheArtSection';

type Item = AssignmentsResult['assignments']['edges'][number]['node'];

/** Referent first, then delegates, then who only reads. */
const ROLE_ORDER: Role[] = ['COMUNE_REFERENT', 'COMUNE_DELEGATE', 'COMUNE_VIEWER'];
const rank = (role: Role) => {
  const i = ROLE_ORDER.indexOf(role);
  return i < 0 ? ROLE_ORDER.length : i;
};
const byUrgency = (a: Item, b: Item) =>
  Number(b.overdue) - Number(a.overdue) ||
  (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') ||
  a.objective.title.localeCompare(b.objective.title, 'it');

/** A refusal of the whole sheet, in words that say what to do. */
function sheetProblem(error: AppError | null, consortiumName: string): string | null {
  if (!error) return null;
  if (error.code === 'FORBIDDEN')
    return `Questo Comune non fa parte di ${consortiumName}: con il ruolo che stai usando non puoi aprirne la scheda.`;
  if (error.code === 'NOT_FOUND')
    return 'Non abbiamo trovato questo Comune, oppure non è visibile con il tuo ruolo. Controlla il collegamento o sceglilo da «Referenti e ruoli».';
  return null;
}

/** "Scheda del Comune": who works on the Piano in the comune and every activity assigned to it. */
export interface ComunePageProps {
  consortiumId: string;
  consortiumName: string;
  role: Role;
  canWrite: boolean;
  comuneId: string;
  /** Composed by the route: the download buttons. */
  actions?: ReactNode;
}

export function ComunePage({ comuneId, consortiumName, actions }: ComunePageProps) {
  const [{ data, fetching, error }] = useQuery({ query: ComuneSheetQuery, variables: { id: comuneId } });
  const comune = data?.comune ?? null;
  const missing = Boolean(data && !comune);
  const [members] = useQuery({
    query: ComuneSheetMembersQuery,
    variables: { comuneId },
    pause: !comune,
  });
  const [assignments] = useQuery({
    query: ComuneSheetAssignmentsQuery,
    variables: { comuneId },
    pause: !comune,
  });

  const people = useMemo(
    () =>
      [...(members.data?.comuneMembers ?? [])].sort(
        (a, b) =>
          rank(a.role) - rank(b.role) ||
          (a.person?.displayName ?? '').localeCompare(b.person?.displayName ?? '', 'it'),
      ),
    [members.data],
  );
  const items = useMemo(
    () => [...(assignments.data?.assignments.edges.map((e) => e.node) ?? [])].sort(byUrgency),
    [assignments.data],
  );

  const appError = toAppError(error);
  const problem = missing
    ? sheetProblem({ code: 'NOT_FOUND', message: '', field: null }, consortiumName)
    : sheetProblem(appError, consortiumName);
  const title = comune ? `Comune di ${comune.name}` : 'Scheda del Comune';
  const membersError = toAppError(members.error);
  const assignmentsError = toAppError(assignments.error);
  const overdue = items.filter((i) => i.overdue).length;

  return (
    <>
      <nav aria-label="Percorso" className="breadcrumb-container mb-2">
        <ol className="breadcrumb p-0">
          <li className="breadcrumb-item">
            <Link to="/persone">Referenti e ruoli</Link>
            <span className="separator" aria-hidden="true">
              /
            </span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            Scheda del Comune
          </li>
        </ol>
      </nav>
      <PageTitle title={title}>{title}</PageTitle>
      {comune ? actions : null}
      {problem ? (
        <div className="alert alert-warning" role="alert">
          <p className="mb-2">{problem}</p>
          <Link to="/persone">Vai a «Referenti e ruoli»</Link>
        </div>
      ) : appError ? (
        <ErrorNotice error={appError} />
      ) : null}
      {fetching && !data ? <Loading what="della scheda del Comune" /> : null}
      {comune ? (
        <>
          <dl className="row mb-4">
            <dt className="col-12 col-sm-4 col-lg-3">Codice ISTAT</dt>
            <dd className="col-12 col-sm-8 col-lg-9 rtd-codes">{comune.istatCode}</dd>
            <dt className="col-12 col-sm-4 col-lg-3">Abitanti</dt>
            <dd className="col-12 col-sm-8 col-lg-9">
              {PLAN_LABEL.population(formatInhabitants(comune.population), formatDate(comune.populationDate))}
            </dd>
            <dt className="col-12 col-sm-4 col-lg-3">Provincia</dt>
            <dd className="col-12 col-sm-8 col-lg-9">{comune.provinceName}</dd>
            <dt className="col-12 col-sm-4 col-lg-3">Regione</dt>
            <dd className="col-12 col-sm-8 col-lg-9">{comune.regionName}</dd>
            <dt className="col-12 col-sm-4 col-lg-3">Ufficio RTD</dt>
            <dd className="col-12 col-sm-8 col-lg-9">{comune.consortium?.name ?? 'Nessuno'}</dd>
          </dl>

          <section className="mb-5" aria-labelledby="persone-del-comune">
            <h2 id="persone-del-comune" className="h3">
              Persone del Comune
            </h2>
            {membersError ? <ErrorNotice error={membersError} /> : null}
            {members.fetching && !members.data ? <Loading what="delle persone" /> : null}
            {members.data && people.length === 0 ? (
              <EmptyState title="Nessuna persona ha un ruolo in questo Comune">
                L’RTD può nominare il referente da <Link to="/persone">«Referenti e ruoli»</Link>.
              </EmptyState>
            ) : null}
            {people.length > 0 ? (
              <div className="table-responsive">
                <table className="table">
                  <caption>
                    {people.length === 1
                      ? '1 persona con un ruolo nel Comune'
                      : `${people.length} persone con un ruolo nel Comune`}
                    , dal referente
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Ruolo</th>
                      <th scope="col">Nome</th>
                      <th scope="col">Codice fiscale</th>
                      <th scope="col">Posta elettronica</th>
                    </tr>
                  </thead>
                  <tbody>
                    {people.map((m) => (
                      <tr key={m.id}>
                        <td>{ROLE_LABEL[m.role]}</td>
                        <th scope="row">{m.person?.displayName ?? 'Nome non ancora noto'}</th>
                        <td className="rtd-codes">{m.person?.fiscalCode ?? '—'}</td>
                        <td>
                          {m.person?.email ? <a href={`mailto:${m.person.email}`}>{m.person.email}</a> : '—'}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>

          <StateOfTheArtSection comuneId={comuneId} />

          <section className="mb-5" aria-labelledby="attivita-del-comune">
            <h2 id="attivita-del-comune" className="h3">
              Attività del Comune
            </h2>
            {assignmentsError ? <ErrorNotice error={assignmentsError} /> : null}
            {assignments.fetching && !assignments.data ? <Loading what="delle attività" /> : null}
            {assignments.data && items.length === 0 ? (
              <EmptyState title="Nessuna attività assegnata al Comune">
                Le attività arrivano quando l’Ufficio RTD pubblica un obiettivo condiviso che riguarda il
                Comune: puoi farlo da <Link to="/obiettivi">«Obiettivi condivisi»</Link>.
              </EmptyState>
            ) : null}
            {items.length > 0 ? (
              <div className="table-responsive">
                <table className="table">
                  <caption>
                    {items.length === 1 ? '1 attività' : `${items.length} attività`}
                    {overdue ? `, ${overdue} in ritardo` : ''}
                    {assignments.data && assignments.data.assignments.totalCount > items.length
                      ? ` (le prime ${items.length} di ${assignments.data.assignments.totalCount})`
                      : ''}
                    : prima le attività in ritardo, poi per scadenza
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Obiettivo</th>
                      <th scope="col">Stato</th>
                      <th scope="col">Avanzamento</th>
                      <th scope="col">Scadenza</th>
                      <th scope="col">Ultimo aggiornamento</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((item) => (
                      <tr key={item.id}>
                        <th scope="row" className="fw-normal">
                          <Link to={`/assegnazioni/${item.id}`}>{item.objective.title}</Link>
                          <div className="small text-muted">Piano {item.objective.edition}</div>
                        </th>
                        <td>
                          <div className="d-flex flex-wrap gap-1">
                            <StatusBadge status={item.status} />
                            {item.overdue ? <OverdueBadge /> : null}
                          </div>
                        </td>
                        <td>
                          <ProgressBar value={item.progress} />
                        </td>
                        <td>{formatDate(item.dueDate)}</td>
                        <td>{formatDateTime(item.updatedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>

          <PnrrFundingSection comuneId={comuneId} />
        </>
      ) : null}
    </>
  );
}
