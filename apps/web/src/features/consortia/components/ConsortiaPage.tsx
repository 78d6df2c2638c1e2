import { PageTitle } from '../../../components/PageTitle';

/** In costruzione: see the route in app/App.tsx for the props this page receives. */
export function ConsortiaPage(_props: Record<string, unknown>) {
  return <PageTitle title="Consorzi">Consorzi</PageTitle>;
}
