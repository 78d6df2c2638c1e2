import { Link } from 'react-router';
import type { ObjectiveQuery } from '../../../gql/graphql';
import { CARRIED_LINKS_LABEL as L, CARRY_FORWARD_LABEL, OBJECTIVE_STATE_LABEL } from '../../../lib/i18n';

type Objective = NonNullable<ObjectiveQuery['sharedObjective']>;

/** "Portato avanti da ..." / "Portato avanti in ...": the objectives one edition apart that this one is linked to. */
export function CarriedLinks({ objective }: { objective: Objective }) {
  if (!objective.carriedFrom && objective.carriedTo.length === 0) return null;
  return (
    <dl className="row small mb-3">
      {objective.carriedFrom ? (
        <>
          <dt className="col-sm-3">{CARRY_FORWARD_LABEL.carriedFrom}</dt>
          <dd className="col-sm-9">
            <Link to={`/obiettivi/${objective.carriedFrom.id}`}>{objective.carriedFrom.title}</Link>
            {L.edition(objective.carriedFrom.edition)}
          </dd>
        </>
      ) : null}
      {objective.carriedTo.length > 0 ? (
        <>
          <dt className="col-sm-3">{CARRY_FORWARD_LABEL.carriedTo}</dt>
          <dd className="col-sm-9">
            {objective.carriedTo.map((o, i) => (
              <span key={o.id}>
                {i > 0 ? L.separator : ''}
                <Link to={`/obiettivi/${o.id}`}>{o.title}</Link>
                {L.editionAndState(o.edition, OBJECTIVE_STATE_LABEL[o.state])}
              </span>
            ))}
          </dd>
        </>
      ) : null}
    </dl>
  );
}
