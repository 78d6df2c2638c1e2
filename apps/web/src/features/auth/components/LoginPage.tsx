import { Alert, Button } from 'design-react-kit';
import { PageTitle } from '../../../components/PageTitle';
import { LOGIN_LABEL as L } from '../../../lib/i18n';

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
      <PageTitle title={L.title}>{L.heading}</PageTitle>
      <p className="lead">{L.lead}</p>
      {deepLink ? <p>{L.deepLink}</p> : null}
      {error ? (
        <Alert color="danger" role="alert">
          {error}
        </Alert>
      ) : null}
      <Button type="button" color="primary" size="lg" onClick={onLogin} disabled={!!error}>
        {L.login}
      </Button>
      <p className="small mt-3">{L.help}</p>
    </div>
  );
}
