import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { todayInRome } from '../../../lib/dates';
import { toAppError, type AppError } from '../../../lib/errors';
import { OBJECTIVE_EDITOR_MESSAGE as M } from '../../../lib/i18n';
import {
  CreateObjectiveMutation,
  DeleteObjectiveMutation,
  PublishObjectiveMutation,
  UpdateObjectiveMutation,
} from '../api/objectives';
import type { PickedLine } from '../components/LinePicker';
import { toTargetInput } from '../components/TargetEditor';
import { draftOf, emptyTarget, type Draft, type Objective } from '../components/objective-draft';

/**
 * The state of a draft objective's form (title, description, edition and lines, due date, target),
 * its checks, and its moves: save (create or update with the version held), publish, delete.
 */
export function useObjectiveForm({
  consortiumId,
  objective,
  editions,
  reload,
}: {
  consortiumId: string;
  objective: Objective | null;
  editions: { code: string }[];
  reload: () => void;
}) {
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() =>
    objective
      ? draftOf(objective)
      : {
          title: '',
          description: '',
          edition: editions[editions.length - 1]?.code ?? '',
          dueDate: '',
          lines: [],
          target: emptyTarget,
        },
  );
  const [dirty, setDirty] = useState(!objective);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [confirmPublish, setConfirmPublish] = useState(false);
  const [create, runCreate] = useMutation(CreateObjectiveMutation);
  const [update, runUpdate] = useMutation(UpdateObjectiveMutation);
  const [publish, runPublish] = useMutation(PublishObjectiveMutation);
  const [remove, runDelete] = useMutation(DeleteObjectiveMutation);
  const busy = create.fetching || update.fetching || publish.fetching || remove.fetching;
  const lineCodes = useMemo(() => draft.lines.map((l) => l.code), [draft.lines]);

  const edit = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty(true);
    setNotice(null);
  };

  // Lines belong to one edition: changing it drops them, said aloud and undoable (issue 23).
  const [dropped, setDropped] = useState<{ edition: string; lines: PickedLine[] } | null>(null);
  const changeEdition = (edition: string) => {
    setDropped(draft.lines.length ? { edition: draft.edition, lines: draft.lines } : null);
    edit({ edition, lines: [] });
  };
  const undoEdition = () => {
    if (!dropped) return;
    edit({ edition: dropped.edition, lines: dropped.lines });
    setDropped(null);
  };
  const pastDue = draft.dueDate !== '' && draft.dueDate < todayInRome();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!draft.title.trim())
      return setError({ code: 'BAD_USER_INPUT', field: 'title', message: M.titleRequired });
    if (draft.lines.length === 0)
      return setError({ code: 'BAD_USER_INPUT', field: 'lineCodes', message: M.lineRequired });
    const common = {
      title: draft.title.trim(),
      description: draft.description.trim() || null,
      dueDate: draft.dueDate || null,
      lineCodes,
      target: toTargetInput(draft.target),
    };
    if (!objective) {
      const r = await runCreate({ input: { ...common, consortiumId, edition: draft.edition } });
      const failure = toAppError(r.error);
      if (failure) return setError(failure);
      setDirty(false);
      navigate(`/obiettivi/${r.data!.createSharedObjective.id}`, { replace: true });
      return;
    }
    const r = await runUpdate({ id: objective.id, expectedVersion: objective.version, input: common });
    const failure = toAppError(r.error);
    if (failure?.code === 'CONFLICT') return setError({ ...failure, message: M.conflict });
    if (failure) return setError(failure);
    setDirty(false);
    setNotice(M.saved);
    reload();
  };

  const onPublish = async () => {
    if (!objective) return;
    setConfirmPublish(false);
    setError(null);
    const r = await runPublish({ id: objective.id });
    const failure = toAppError(r.error);
    if (failure) return setError(failure);
    // The published objective's page follows the push run, named in the URL.
    navigate(`/obiettivi/${objective.id}?invio=${r.data!.publishSharedObjective.id}`, { replace: true });
    reload();
  };

  const onDelete = async () => {
    if (!objective) return;
    const r = await runDelete({ id: objective.id, expectedVersion: objective.version });
    const failure = toAppError(r.error);
    if (failure) {
      setConfirmDelete(false);
      return setError(failure);
    }
    navigate('/obiettivi', { replace: true });
  };

  return {
    draft,
    edit,
    dirty,
    error,
    notice,
    busy,
    lineCodes,
    dropped,
    changeEdition,
    undoEdition,
    pastDue,
    save,
    confirmPublish,
    setConfirmPublish,
    onPublish,
    confirmDelete,
    setConfirmDelete,
    onDelete,
  };
}
