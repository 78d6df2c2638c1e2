import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import { ProgressBar } from '../../../components/ProgressBar';
import { ClosedBadge, OverdueBadge, StatusBadge } from '../../../components/StatusBadge';
import { describeDue, formatDate, formatDateTime } from '../../../lib/dates';
import { describeDeadline } from '../../../lib/plan';
import { toAppError } from '../../../lib/errors';
import { ASSIGNMENT_LABEL as L, STATUS_LABEL } from '../../../lib/i18n';
import { AssignmentDetailQuery } from '../api/assignment';
import { DelegationForm } from './DelegationForm';
import { EvidenceSection } from './EvidenceSection';
import { PianoIndicatorsSection } from './PianoIndicatorsSection';
import { PnrrLinesSection } from './PnrrLinesSection';
import { ReportForm } from './ReportForm';
import { RemindPanel } from './RemindPanel';
import { ReviewPanel } from './ReviewPanel';
import type { AssignmentDetail } from './types';

const CONTEXT = { additionalTypenames: ['Assignment', 'Evidence', 'StatusEvent'] };

/** "Attività": one assignment, what may be done on it now, its evidence and its history. */
export function AssignmentPage({
  id,
  backTo,
  canRecordIndicators = false,
}: {
  id: string;
  backTo: { href: string; label: string };
  /** The comune's referent (or the office's RTD and staff) records the Piano's indicators. */
  canRecordIndicators?: boolean;
}) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: AssignmentDetailQuery,
    variables: { id },
    context: useMemo(() => CONTEXT, []),
  });
  const appError = toAppError(error);
  if (fetching && !data) return <Loading what={L.loading} />;
  if (appError && !data)
    return <NotVisible message={appError.code === 'NOT_FOUND' ? null : appError.message} backTo={backTo} />;
  const assignment = data?.assignment;
  if (!assignment) return <NotVisible message={null} backTo={backTo} />;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <AssignmentView
      assignment={assignment}
      reload={reload}
      backTo={backTo}
      canRecordIndicators={canRecordIndicators}
    />
  );
}

function NotVisible({
  message,
  backTo,
}: {
  message: string | null;
  backTo: { href: string; label: string };
}) {
  return (
    <>
      <PageTitle title={L.notFound}>{L.notFound}</PageTitle>
      <p>{message ?? L.notFoundText}</p>
      <Link to={backTo.href}>{backTo.label}</Link>
    </>
  );
}

function AssignmentView({
  assignment,
  reload,
  backTo,
  canRecordIndicators,
}: {
  assignment: AssignmentDetail;
  reload: () => void;
  backTo: { href: string; label: string };
  canRecordIndicators: boolean;
}) {
  const { objective } = assignment;
  const [reminded, setReminded] = useState(false);
  const actions = new Set(assignment.allowedActions);
  const lastRejection = [...assignment.history].reverse().find((e) => e.to === 'REJECTED');
  const settled = assignment.status === 'COMPLETED' || assignment.status === 'NOT_APPLICABLE';
  const closed = objective.state === 'CLOSED';
  const reportMoves = ['SET_NOT_STARTED', 'SET_IN_PROGRESS', 'UPDATE_PROGRESS', 'SUBMIT'] as const;
  const canReport = reportMoves.some((a) => actions.has(a));
  const canReview =
    actions.has('APPROVE') ||
    actions.has('REJECT') ||
    actions.has('MARK_NOT_APPLICABLE') ||
    actions.has('REOPEN');

  return (
    <>
      <nav aria-label={L.breadcrumb} className="mb-2">
        <Link to={backTo.href}>{L.back(backTo.label)}</Link>
      </nav>
      <PageTitle title={objective.title}>{objective.title}</PageTitle>
      <p className="text-muted mb-3">{L.subtitle(assignment.comune.name, objective.edition)}</p>

      <div className="row g-4">
        <div className="col-12 col-lg-8">
          <section aria-labelledby="stato-titolo" className="mb-4">
            <h2 id="stato-titolo" className="h4">
              {L.status}
            </h2>
            {closed ? (
              <>
                <div className="d-flex flex-wrap gap-2 align-items-center mb-2">
                  <ClosedBadge closedAt={objective.closedAt} />
                  <span>{L.lastStatus(STATUS_LABEL[assignment.status], formatDate(assignment.dueDate))}</span>
                </div>
                <p className="mb-2">{L.closed}</p>
              </>
            ) : (
              <div className="d-flex flex-wrap gap-2 align-items-center mb-2">
                <StatusBadge status={assignment.status} />
                {assignment.overdue ? <OverdueBadge /> : null}
                <span>
                  {L.due(formatDate(assignment.dueDate))}
                  {assignment.dueDate && !settled ? ` (${describeDue(assignment.dueDate)})` : ''}
                </span>
              </div>
            )}
            <ProgressBar value={assignment.progress} />
            {assignment.delegate ? (
              <p className="mt-2 mb-0">{L.delegatedTo(assignment.delegate.displayName)}</p>
            ) : null}
            {assignment.status === 'REJECTED' && lastRejection ? (
              <div className="alert alert-danger mt-3" role="status">
                <strong>{L.rejected}</strong>
                {L.rejectedDetail(
                  formatDateTime(lastRejection.at),
                  lastRejection.actor?.displayName ?? null,
                  lastRejection.note?.replace(/[.\s]+$/, '') ?? null,
                  canReport,
                )}
              </div>
            ) : null}
            {assignment.status === 'SUBMITTED' && !canReview ? <p className="mt-3">{L.submitted}</p> : null}
            {assignment.issues && !canReport ? (
              <>
                <h3 className="h6 mt-3">{L.issues}</h3>
                <p className="rtd-prewrap">{assignment.issues}</p>
              </>
            ) : null}
          </section>

          {canReport ? <ReportForm key={assignment.id} assignment={assignment} reload={reload} /> : null}
          {canReview ? <ReviewPanel assignment={assignment} /> : null}
          <PianoIndicatorsSection
            assignmentId={assignment.id}
            comuneId={assignment.comune.id}
            canRecord={canRecordIndicators}
          />
          {assignment.canRemind || reminded ? (
            <RemindPanel
              assignmentId={assignment.id}
              canRemind={assignment.canRemind}
              onSent={() => {
                setReminded(true);
                reload();
              }}
            />
          ) : null}

          <section aria-labelledby="linee-titolo" className="mb-4">
            <h2 id="linee-titolo" className="h4">
              {L.lines}
            </h2>
            {objective.description ? <p className="rtd-prewrap">{objective.description}</p> : null}
            {objective.lines.map((line) => (
              <article key={line.id} className="rtd-line mb-3">
                <h3 className="h6 mb-1">
                  {line.code}{' '}
                  <span className="text-muted fw-normal">{L.chapter(line.chapter, line.chapterTitle)}</span>
                </h3>
                <p className="mb-1">{line.text}</p>
                <p className="small text-muted mb-0">{describeDeadline(line)}</p>
              </article>
            ))}
          </section>

          <PnrrLinesSection assignmentId={assignment.id} />
        </div>

        <div className="col-12 col-lg-4">
          {actions.has('DELEGATE') ? <DelegationForm assignment={assignment} /> : null}
          <EvidenceSection assignment={assignment} canAdd={actions.has('ADD_EVIDENCE')} reload={reload} />
        </div>
      </div>

      <section aria-labelledby="storia-titolo" className="mb-4">
        <h2 id="storia-titolo" className="h4">
          {L.history}
        </h2>
        {/* Focusable, so that on a narrow screen the keyboard scrolls it too (axe: scrollable-region-focusable). */}
        <div className="table-responsive" tabIndex={0} role="region" aria-labelledby="storia-titolo">
          <table className="table rtd-history">
            <caption className="visually-hidden">{L.historyCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{L.when}</th>
                <th scope="col">{L.who}</th>
                <th scope="col">{L.status}</th>
                <th scope="col">{L.progress}</th>
                <th scope="col">{L.note}</th>
              </tr>
            </thead>
            <tbody>
              {assignment.history.map((event, index) => (
                <tr key={index}>
                  <td>{formatDateTime(event.at)}</td>
                  <td>{event.actor?.displayName ?? L.system}</td>
                  <td>
                    {event.from && event.from !== event.to
                      ? `${STATUS_LABEL[event.from]} → ${STATUS_LABEL[event.to]}`
                      : STATUS_LABEL[event.to]}
                  </td>
                  <td>{event.progress}%</td>
                  <td className="rtd-prewrap">
                    {event.note ?? ''}
                    {event.issues !== null && event.issues !== undefined ? (
                      <>
                        {event.note ? <br /> : null}
                        {event.issues ? L.issuesSet(event.issues) : L.issuesCleared}
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
