import { PageTitle } from '../../../components/PageTitle';

/** In costruzione: see the route in app/App.tsx for the props this page receives. */
export function CatalogPage(_props: Record<string, unknown>) {
  return <PageTitle title="Piano Triennale">Piano Triennale</PageTitle>;
}
