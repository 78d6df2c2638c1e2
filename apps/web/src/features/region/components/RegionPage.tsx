import { PageTitle } from '../../../components/PageTitle';

/** In costruzione: see the route in app/App.tsx for the props this page receives. */
export function RegionPage(_props: Record<string, unknown>) {
  return <PageTitle title="La Regione">La Regione</PageTitle>;
}
