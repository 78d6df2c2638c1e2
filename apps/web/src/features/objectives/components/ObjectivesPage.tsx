import { PageTitle } from '../../../components/PageTitle';

export function ObjectivesPage(_props: Record<string, unknown>) {
  return <PageTitle title="Obiettivi condivisi">Obiettivi condivisi</PageTitle>;
}
