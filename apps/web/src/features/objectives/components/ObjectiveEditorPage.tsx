import { useCallback } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import type { Role } from '../../../gql/graphql';
import { toAppError } from '../../../lib/errors';
import { OBJECTIVE_EDITOR_LABEL as L } from '../../../lib/i18n';
import { EditorReferenceQuery, ObjectiveQuery as Query } from '../api/objectives';
import { DraftEditor } from './DraftEditor';
import { ObjectiveView } from './ObjectiveView';

interface Props {
  consortiumId: string;
  consortiumName: string;
  role: Role;
  canWrite: boolean;
  objectiveId: string | null;
}

/** Create or edit a draft objective, publish it and watch the push run; close or delete it. */
export function ObjectiveEditorPage({ consortiumId, canWrite, objectiveId }: Props) {
  const [reference] = useQuery({ query: EditorReferenceQuery, variables: { consortiumId } });
  const [objective, reloadObjective] = useQuery({
    query: Query,
    variables: { id: objectiveId ?? '' },
    pause: !objectiveId,
    requestPolicy: 'cache-and-network',
  });
  const reload = useCallback(() => reloadObjective({ requestPolicy: 'network-only' }), [reloadObjective]);
  if (reference.fetching && !reference.data) return <Loading what={L.loading} />;
  if (objectiveId && objective.fetching && !objective.data) return <Loading what={L.loading} />;
  const loadError = toAppError(reference.error) ?? toAppError(objective.error);
  const o = objective.data?.sharedObjective ?? null;
  if (objectiveId && !o) {
    return (
      <>
        <PageTitle title={L.notFound}>{L.notFound}</PageTitle>
        <p>{loadError?.code && loadError.code !== 'NOT_FOUND' ? loadError.message : L.notFoundText}</p>
        <Link to="/obiettivi">{L.backToList}</Link>
      </>
    );
  }
  if (!reference.data) return loadError ? <ErrorNotice error={loadError} /> : null;
  const comuni = reference.data.consortium?.comuni.edges.map((e) => e.node) ?? [];
  const editions = reference.data.planEditions;
  if (o && (o.state !== 'DRAFT' || !canWrite)) {
    const superseded = editions.find((e) => e.code === o.edition)?.status === 'SUPERSEDED';
    return <ObjectiveView objective={o} canWrite={canWrite} reload={reload} superseded={superseded} />;
  }
  return (
    <DraftEditor
      key={o?.id ?? 'new'}
      consortiumId={consortiumId}
      objective={o}
      editions={editions}
      comuni={comuni}
      reload={reload}
    />
  );
}
