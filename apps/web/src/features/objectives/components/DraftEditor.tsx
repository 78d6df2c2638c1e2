import { Breadcrumb, BreadcrumbItem, Button } from 'design-react-kit';
import { useId } from 'react';
import { Link } from 'react-router';
import { CharacterCount } from '../../../components/CharacterCount';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { ErrorNotice } from '../../../components/Feedback';
import { SelectField, TextAreaField, TextField } from '../../../components/Fields';
import { PageTitle } from '../../../components/PageTitle';
import { NAV_LABEL, OBJECTIVE_EDITOR_LABEL as L } from '../../../lib/i18n';
import { useObjectiveForm } from '../hooks/useObjectiveForm';
import { CarriedLinks } from './CarriedLinks';
import { LinePicker } from './LinePicker';
import { ProposedDueDate } from './ProposedDueDate';
import { TargetEditor } from './TargetEditor';
import { MAX_DESCRIPTION, type Objective } from './objective-draft';

/** The form of a draft objective: title, description, edition and lines, due date, target; save, publish, delete. */
export function DraftEditor({
  consortiumId,
  objective,
  editions,
  comuni,
  reload,
}: {
  consortiumId: string;
  objective: Objective | null;
  editions: { code: string; title: string }[];
  comuni: Parameters<typeof TargetEditor>[0]['comuni'];
  reload: () => void;
}) {
  const ids = useId();
  const form = useObjectiveForm({ consortiumId, objective, editions, reload });
  const { draft, edit, error, dropped, busy } = form;
  const heading = objective ? L.draftTitle(objective.title) : L.newTitle;

  return (
    <>
      <Breadcrumb aria-label={L.breadcrumb} className="mb-2">
        <BreadcrumbItem>
          <Link to="/obiettivi">{NAV_LABEL['/obiettivi']}</Link>
        </BreadcrumbItem>
        <BreadcrumbItem active aria-current="page">
          {objective?.title ?? L.newTitle}
        </BreadcrumbItem>
      </Breadcrumb>
      <PageTitle title={heading}>{heading}</PageTitle>
      {objective ? <CarriedLinks objective={objective} /> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {form.notice ? (
        <div className="alert alert-success" role="status">
          {form.notice}
        </div>
      ) : null}
      <form onSubmit={form.save} noValidate>
        <div className="row g-3 mb-3">
          <TextField
            id={`${ids}-title`}
            label={L.title}
            className="col-12 col-lg-8"
            inputClassName="border"
            value={draft.title}
            maxLength={200}
            onChange={(e) => edit({ title: e.target.value })}
            aria-invalid={error?.field === 'title' || undefined}
          />
          <SelectField
            id={`${ids}-edition`}
            label={L.edition}
            className="col-12 col-sm-6 col-lg-2"
            value={draft.edition}
            disabled={!!objective}
            onChange={form.changeEdition}
            options={editions.map((e) => [e.code, e.code] as const)}
          />
          <TextField
            id={`${ids}-due`}
            type="date"
            label={L.due}
            className="col-12 col-sm-6 col-lg-2"
            value={draft.dueDate}
            onChange={(e) => edit({ dueDate: e.target.value })}
            aria-invalid={error?.field === 'dueDate' || undefined}
            help={form.pastDue ? <span className="text-danger">{L.pastDue}</span> : null}
          />
          <div className="col-12">
            <ProposedDueDate
              edition={draft.edition}
              lineCodes={form.lineCodes}
              dueDate={draft.dueDate}
              onUse={(dueDate) => edit({ dueDate })}
            />
          </div>
          <div className="col-12">
            <TextAreaField
              id={`${ids}-description`}
              label={L.description}
              rows={3}
              value={draft.description}
              help={
                <CharacterCount
                  id={`${ids}-description-count`}
                  length={draft.description.length}
                  max={MAX_DESCRIPTION}
                />
              }
              onChange={(e) => edit({ description: e.target.value })}
            />
          </div>
        </div>
        {dropped ? (
          <div className="alert alert-warning" role="status">
            {L.dropped(dropped.edition, dropped.lines.map((l) => l.code).join(', '))}{' '}
            <Button type="button" color="link" className="p-0 align-baseline" onClick={form.undoEdition}>
              {L.undoEdition(dropped.edition)}
            </Button>
          </div>
        ) : null}
        <LinePicker
          edition={draft.edition}
          picked={draft.lines}
          onAdd={(line) => edit({ lines: [...draft.lines, line] })}
          onRemove={(code) => edit({ lines: draft.lines.filter((l) => l.code !== code) })}
        />
        <TargetEditor
          consortiumId={consortiumId}
          comuni={comuni}
          value={draft.target}
          onChange={(target) => edit({ target })}
          lineCodes={form.lineCodes}
          edition={draft.edition}
        />
        <div className="d-flex flex-wrap gap-2 mb-4">
          <Button type="submit" color="primary" disabled={busy}>
            {objective ? L.save : L.create}
          </Button>
          {objective ? (
            <Button
              type="button"
              color="success"
              disabled={busy || form.dirty}
              onClick={() => form.setConfirmPublish(true)}
            >
              {L.publish}
            </Button>
          ) : null}
          {objective && !objective.publishedAt ? (
            <Button
              type="button"
              color="danger"
              outline
              disabled={busy}
              onClick={() => form.setConfirmDelete(true)}
            >
              {L.delete}
            </Button>
          ) : null}
        </div>
        {objective && form.dirty ? <p className="small">{L.saveFirst}</p> : null}
      </form>
      {form.confirmPublish && objective ? (
        <ConfirmPanel
          question={L.publishQuestion(objective.title, objective.targetedCount)}
          confirmLabel={L.publishConfirm}
          onConfirm={() => void form.onPublish()}
          onCancel={() => form.setConfirmPublish(false)}
        />
      ) : null}
      {form.confirmDelete ? (
        <ConfirmPanel
          question={L.deleteQuestion(objective?.title ?? '')}
          confirmLabel={L.deleteConfirm}
          onConfirm={() => void form.onDelete()}
          onCancel={() => form.setConfirmDelete(false)}
        />
      ) : null}
    </>
  );
}
