import { PageTitle } from '../../../components/PageTitle';

export function DashboardPage(_props: Record<string, unknown>) {
  return <PageTitle title="Cruscotto">Cruscotto</PageTitle>;
}
