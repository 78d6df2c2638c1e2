import { PageTitle } from '../../../components/PageTitle';

/** The logged-out page: one button, "Entra con SPID", back to where the person was going. */
export function LoginPage({
  onLogin,
  deepLink,
  error,
}: {
  onLogin: () => void;
  deepLink: boolean;
  error: string | null;
}) {
  return (
    <div className="container my-5" style={{ maxWidth: '40rem' }}>
      <PageTitle title="Accedi">RTD Hub</PageTitle>
      <p className="lead">
        Le attività del Piano Triennale per l’informatica nella Pubblica Amministrazione, tra l’Ufficio RTD
        associato e i suoi Comuni.
      </p>
      {deepLink ? <p>Accedi per aprire la pagina che ti è stata indicata.</p> : null}
      {error ? (
        <div className="alert alert-danger" role="alert">
          {error}
        </div>
      ) : null}
      <button type="button" className="btn btn-primary btn-lg" onClick={onLogin} disabled={!!error}>
        Entra con SPID
      </button>
      <p className="small mt-3">
        Usa la tua identità digitale SPID o CIE. Se non riesci ad accedere, contatta l’Ufficio RTD del tuo
        Comune.
      </p>
    </div>
  );
}
