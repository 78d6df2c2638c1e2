import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle';

export function NotFoundPage() {
  return (
    <>
      <PageTitle title="Pagina non trovata">Pagina non trovata</PageTitle>
      <p>
        L’indirizzo non corrisponde ad alcuna pagina di RTD Hub. Controlla il collegamento o riparti dalla
        pagina iniziale.
      </p>
      <Link to="/">Vai alla pagina iniziale</Link>
    </>
  );
}

export function WelcomePage({ hasRole }: { hasRole: boolean }) {
  return (
    <>
      <PageTitle title="Benvenuto">Benvenuto in RTD Hub</PageTitle>
      {hasRole ? (
        <p>
          Con il ruolo che stai usando non ci sono ancora pagine in questa versione dell’app: puoi usare le
          API GraphQL descritte nella documentazione, oppure scegliere un altro ruolo in alto.
        </p>
      ) : (
        <p>
          Il tuo accesso funziona, ma non hai ancora un ruolo in RTD Hub. Chiedi all’Ufficio RTD del tuo
          Comune di nominarti referente, delegato o in consultazione: al prossimo accesso troverai le tue
          attività.
        </p>
      )}
    </>
  );
}
