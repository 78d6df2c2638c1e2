import { PageTitle } from '../../../components/PageTitle';

export function ObjectiveEditorPage(_props: Record<string, unknown>) {
  return <PageTitle title="Obiettivo">Obiettivo</PageTitle>;
}
