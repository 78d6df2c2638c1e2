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
import { COMUNE_LABEL as L, PLAN_LABEL, ROLE_LABEL } from '../../../lib/i18n';
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
  if (error.code === 'FORBIDDEN') return L.forbidden(consortiumName);
  if (error.code === 'NOT_FOUND') return L.notFound;
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
  const title = comune ? L.title(comune.name) : L.sheet;
  const membersError = toAppError(members.error);
  const assignmentsError = toAppError(assignments.error);
  const overdue = items.filter((i) => i.overdue).length;

  return (
    <>
      <nav aria-label={L.breadcrumb} className="breadcrumb-container mb-2">
        <ol className="breadcrumb p-0">
          <li className="breadcrumb-item">
            <Link to="/persone">{L.people}</Link>
            <span className="separator" aria-hidden="true">
              /
            </span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {L.sheet}
          </li>
        </ol>
      </nav>
      <PageTitle title={title}>{title}</PageTitle>
      {comune ? actions : null}
      {problem ? (
        <div className="alert alert-warning" role="alert">
          <p className="mb-2">{problem}</p>
          <Link to="/persone">{L.goToPeople}</Link>
        </div>
      ) : appError ? (
        <ErrorNotice error={appError} />
      ) : null}
      {fetching && !data ? <Loading what={L.loading} /> : null}
      {comune ? (
        <>
          <dl className="row mb-4">
            <dt className="col-12 col-sm-4 col-lg-3">{L.istatCode}</dt>
            <dd className="col-12 col-sm-8 col-lg-9 rtd-codes">{comune.istatCode}</dd>
            <dt className="col-12 col-sm-4 col-lg-3">{L.population}</dt>
            <dd className="col-12 col-sm-8 col-lg-9">
              {PLAN_LABEL.population(formatInhabitants(comune.population), formatDate(comune.populationDate))}
            </dd>
            <dt className="col-12 col-sm-4 col-lg-3">{L.province}</dt>
            <dd className="col-12 col-sm-8 col-lg-9">{comune.provinceName}</dd>
            <dt className="col-12 col-sm-4 col-lg-3">{L.region}</dt>
            <dd className="col-12 col-sm-8 col-lg-9">{comune.regionName}</dd>
            <dt className="col-12 col-sm-4 col-lg-3">{L.office}</dt>
            <dd className="col-12 col-sm-8 col-lg-9">{comune.consortium?.name ?? L.noOffice}</dd>
          </dl>

          <section className="mb-5" aria-labelledby="persone-del-comune">
            <h2 id="persone-del-comune" className="h3">
              {L.peopleTitle}
            </h2>
            {membersError ? <ErrorNotice error={membersError} /> : null}
            {members.fetching && !members.data ? <Loading what={L.loadingPeople} /> : null}
            {members.data && people.length === 0 ? (
              <EmptyState title={L.noPeopleTitle}>
                {L.nominateFrom} <Link to="/persone">{L.peopleLink}</Link>.
              </EmptyState>
            ) : null}
            {people.length > 0 ? (
              <div className="table-responsive">
                <table className="table">
                  <caption>{L.peopleCaption(people.length)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{L.role}</th>
                      <th scope="col">{L.name}</th>
                      <th scope="col">{L.fiscalCode}</th>
                      <th scope="col">{L.email}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {people.map((m) => (
                      <tr key={m.id}>
                        <td>{ROLE_LABEL[m.role]}</td>
                        <th scope="row">{m.person?.displayName ?? L.nameUnknown}</th>
                        <td className="rtd-codes">{m.person?.fiscalCode ?? L.none}</td>
                        <td>
                          {m.person?.email ? (
                            <a href={`mailto:${m.person.email}`}>{m.person.email}</a>
                          ) : (
                            L.none
                          )}
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
              {L.activitiesTitle}
            </h2>
            {assignmentsError ? <ErrorNotice error={assignmentsError} /> : null}
            {assignments.fetching && !assignments.data ? <Loading what={L.loadingActivities} /> : null}
            {assignments.data && items.length === 0 ? (
              <EmptyState title={L.noActivitiesTitle}>
                {L.activitiesFrom} <Link to="/obiettivi">{L.objectivesLink}</Link>.
              </EmptyState>
            ) : null}
            {items.length > 0 ? (
              <div className="table-responsive">
                <table className="table">
                  <caption>
                    {L.activitiesCaption(
                      items.length,
                      overdue,
                      assignments.data?.assignments.totalCount ?? 0,
                    )}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{L.objective}</th>
                      <th scope="col">{L.status}</th>
                      <th scope="col">{L.progress}</th>
                      <th scope="col">{L.due}</th>
                      <th scope="col">{L.updated}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((item) => (
                      <tr key={item.id}>
                        <th scope="row" className="fw-normal">
                          <Link to={`/assegnazioni/${item.id}`}>{item.objective.title}</Link>
                          <div className="small text-muted">{L.edition(item.objective.edition)}</div>
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
