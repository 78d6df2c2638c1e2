import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import type { PeopleMembershipsQuery as MembershipsResult, Role } from '../../../gql/graphql';
import { formatDate } from '../../../lib/dates';
import { toAppError, type AppError } from '../../../lib/errors';
import { PEOPLE_LABEL as L, ROLE_LABEL } from '../../../lib/i18n';
import { PeopleConsortiumQuery, PeopleMembershipsQuery, PeopleRevokeRoleMutation } from '../api/people';
import { matchComuni, type ComuneOption } from './ComuneCombobox';
import { EnrolForm } from './EnrolForm';
import { RevokeDialog, type RevokeTarget } from './RevokeDialog';

type Membership = MembershipsResult['consortiumMemberships'][number];

const OFFICE_ORDER: Role[] = ['CONSORTIUM_RTD', 'CONSORTIUM_STAFF', 'AUDITOR'];
const COMUNE_ORDER: Role[] = ['COMUNE_REFERENT', 'COMUNE_DELEGATE', 'COMUNE_VIEWER'];
const rankIn = (order: Role[], role: Role) => (order.includes(role) ? order.indexOf(role) : order.length);

const nameOf = (m: Membership) => (m.person ? (m.person.displayName ?? L.nameUnknown) : L.client);
const whoOf = (m: Membership) => (m.person ? `${nameOf(m)} (${m.person.fiscalCode})` : nameOf(m));

export interface PeoplePageProps {
  consortiumId: string;
  consortiumName: string;
  role: Role;
  canWrite: boolean;
  /** The server's answer: may this role grant and revoke the consortium's roles (the RTD). */
  abilities: { grantsConsortiumRoles: boolean };
}

/**
 * "Referenti e ruoli": who holds which role in the consortium's office and in each comune, the
 * comuni with no referent first. Only the RTD enrols and revokes (the office's staff and auditors read).
 */
export function PeoplePage({ consortiumId, consortiumName, abilities }: PeoplePageProps) {
  const ids = useId();
  const canManage = abilities.grantsConsortiumRoles;
  const [consortium] = useQuery({ query: PeopleConsortiumQuery, variables: { consortiumId } });
  const [memberships, refetch] = useQuery({
    query: PeopleMembershipsQuery,
    variables: { consortiumId },
    context: useMemo(() => ({ additionalTypenames: ['Membership'] }), []),
  });
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);

  const comuni: ComuneOption[] = useMemo(
    () =>
      [...(consortium.data?.consortium?.comuni.edges.map((e) => e.node) ?? [])].sort((a, b) =>
        a.name.localeCompare(b.name, 'it'),
      ),
    [consortium.data],
  );
  const all = useMemo(() => memberships.data?.consortiumMemberships ?? [], [memberships.data]);
  const office = useMemo(
    () =>
      all
        .filter((m) => !m.comune)
        .sort(
          (a, b) =>
            rankIn(OFFICE_ORDER, a.role) - rankIn(OFFICE_ORDER, b.role) ||
            nameOf(a).localeCompare(nameOf(b), 'it'),
        ),
    [all],
  );
  const byComune = useMemo(() => {
    const map = new Map<string, Membership[]>();
    for (const m of all) {
      if (!m.comune) continue;
      map.set(m.comune.id, [...(map.get(m.comune.id) ?? []), m]);
    }
    for (const list of map.values())
      list.sort(
        (a, b) =>
          rankIn(COMUNE_ORDER, a.role) - rankIn(COMUNE_ORDER, b.role) ||
          nameOf(a).localeCompare(nameOf(b), 'it'),
      );
    return map;
  }, [all]);

  const [filter, setFilter] = useState('');
  const rows = useMemo(() => {
    const hasReferent = (c: ComuneOption) =>
      (byComune.get(c.id) ?? []).some((m) => m.role === 'COMUNE_REFERENT');
    return matchComuni(comuni, filter)
      .map((c) => ({ comune: c, people: byComune.get(c.id) ?? [], noReferent: !hasReferent(c) }))
      .sort(
        (a, b) =>
          Number(b.noReferent) - Number(a.noReferent) || a.comune.name.localeCompare(b.comune.name, 'it'),
      );
  }, [comuni, byComune, filter]);
  const withoutReferent = useMemo(
    () => comuni.filter((c) => !(byComune.get(c.id) ?? []).some((m) => m.role === 'COMUNE_REFERENT')).length,
    [comuni, byComune],
  );

  // Revoking: the dialog, then the lists again; focus goes back where the person was.
  const [target, setTarget] = useState<RevokeTarget | null>(null);
  const [revokeError, setRevokeError] = useState<AppError | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const [revokeState, revoke] = useMutation(PeopleRevokeRoleMutation);
  const trigger = useRef<HTMLElement | null>(null);
  const revokedRef = useRef<HTMLDivElement>(null);
  const askRevoke = (m: Membership) => {
    trigger.current = document.activeElement as HTMLElement | null;
    setRevokeError(null);
    setRevoked(null);
    setTarget({
      membershipId: m.id,
      who: whoOf(m),
      roleLabel: ROLE_LABEL[m.role],
      where: m.comune ? L.comuneOf(m.comune.name) : consortiumName,
    });
  };
  const cancelRevoke = () => {
    setTarget(null);
    window.setTimeout(() => trigger.current?.focus(), 0);
  };
  const confirmRevoke = async () => {
    if (!target) return;
    const result = await revoke({ membershipId: target.membershipId });
    if (result.error) {
      setRevokeError(toAppError(result.error));
      return;
    }
    setRevoked(L.revoked(target.roleLabel, target.who, target.where));
    setTarget(null);
    refresh();
    window.setTimeout(() => revokedRef.current?.focus(), 0);
  };

  const revokeButton = (m: Membership) =>
    m.canRevoke && m.role !== 'CONSORTIUM_RTD' ? (
      <button
        type="button"
        className="btn btn-sm btn-outline-danger ms-2"
        aria-label={L.revokeRole(ROLE_LABEL[m.role], nameOf(m), m.comune?.name ?? null)}
        onClick={() => askRevoke(m)}
      >
        {L.revoke}
      </button>
    ) : null;

  const loadError = toAppError(consortium.error) ?? toAppError(memberships.error);
  const loading = (consortium.fetching && !consortium.data) || (memberships.fetching && !memberships.data);
  return (
    <>
      <PageTitle title={L.title}>{L.title}</PageTitle>
      <p className="lead">{L.lead(consortiumName)}</p>
      {!canManage ? <p>{L.readOnly}</p> : null}
      {loadError ? <ErrorNotice error={loadError} /> : null}
      {loading ? <Loading what={L.loading} /> : null}
      {revoked ? (
        <div ref={revokedRef} tabIndex={-1} className="alert alert-success" role="status">
          {revoked}
        </div>
      ) : null}

      {canManage && consortium.data ? (
        <EnrolForm consortiumId={consortiumId} comuni={comuni} onDone={refresh} />
      ) : null}

      {memberships.data ? (
        <section className="mb-5" aria-labelledby={`${ids}-office`}>
          <h2 id={`${ids}-office`} className="h3">
            {L.office}
          </h2>
          {office.length === 0 ? (
            <EmptyState title={L.noOfficeTitle}>{L.noOfficeText}</EmptyState>
          ) : (
            <div className="table-responsive">
              <table className="table">
                <caption>{L.officeCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{L.role}</th>
                    <th scope="col">{L.name}</th>
                    <th scope="col">{L.fiscalCode}</th>
                    <th scope="col">{L.email}</th>
                    <th scope="col">{L.since}</th>
                    {canManage ? <th scope="col">{L.actions}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {office.map((m) => (
                    <tr key={m.id}>
                      <td>{ROLE_LABEL[m.role]}</td>
                      <th scope="row">{nameOf(m)}</th>
                      <td className="rtd-codes">{m.person?.fiscalCode ?? L.none}</td>
                      <td>
                        {m.person?.email ? <a href={`mailto:${m.person.email}`}>{m.person.email}</a> : L.none}
                      </td>
                      <td>{formatDate(m.grantedAt)}</td>
                      {canManage ? <td>{revokeButton(m)}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      {memberships.data && consortium.data ? (
        <section className="mb-5" aria-labelledby={`${ids}-comuni`}>
          <h2 id={`${ids}-comuni`} className="h3">
            {L.comuni}
          </h2>
          <p>{L.comuniSummary(comuni.length, withoutReferent)}</p>
          <div className="rtd-filters mb-3" style={{ maxWidth: '28rem' }}>
            <label htmlFor={`${ids}-filter`}>{L.search}</label>
            <input
              id={`${ids}-filter`}
              type="search"
              className="form-control"
              value={filter}
              autoComplete="off"
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
          {comuni.length === 0 ? (
            <EmptyState title={L.noComuniTitle}>{L.noComuniText}</EmptyState>
          ) : rows.length === 0 ? (
            <EmptyState title={L.noMatchTitle}>{L.noMatchText}</EmptyState>
          ) : (
            <div className="table-responsive">
              <table className="table">
                <caption>{L.comuniCaption(rows.length, comuni.length, Boolean(filter.trim()))}</caption>
                <thead>
                  <tr>
                    <th scope="col">{L.comune}</th>
                    <th scope="col">{L.peopleAndRoles}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map(({ comune, people, noReferent }) => (
                    <tr key={comune.id}>
                      <th scope="row" className="fw-normal">
                        <Link to={`/comuni/${comune.id}`} className="fw-semibold">
                          {comune.name}
                        </Link>{' '}
                        <span className="rtd-codes">({comune.istatCode})</span>
                        {noReferent ? (
                          <div>
                            <span className="badge rtd-status rtd-status-warning mt-1">{L.noReferent}</span>
                          </div>
                        ) : null}
                      </th>
                      <td>
                        {people.length === 0 ? (
                          <span className="text-muted">{L.nobody}</span>
                        ) : (
                          <ul className="list-unstyled mb-0">
                            {people.map((m) => (
                              <li key={m.id} className="mb-1">
                                <span className="fw-semibold">{ROLE_LABEL[m.role]}</span>: {nameOf(m)}{' '}
                                {m.person ? <span className="rtd-codes">{m.person.fiscalCode}</span> : null}
                                {revokeButton(m)}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      <RevokeDialog
        target={target}
        busy={revokeState.fetching}
        error={revokeError}
        onConfirm={() => void confirmRevoke()}
        onCancel={cancelRevoke}
      />
    </>
  );
}
