import { PageTitle } from '../../../components/PageTitle';

/** In costruzione: see the route in app/App.tsx for the props this page receives. */
export function AuditLogPage(_props: Record<string, unknown>) {
  return <PageTitle title="Registro delle attività">Registro delle attività</PageTitle>;
}
