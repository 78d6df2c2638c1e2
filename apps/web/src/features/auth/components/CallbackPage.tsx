import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { completeLogin, useAuth } from '../../../lib/auth';

/** Where the provider sends the browser back: finish the login and go where the person was going. */
export function CallbackPage() {
  const { manager } = useAuth();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!manager) return;
    let done = false;
    completeLogin(manager)
      .then((to) => {
        if (!done && to) navigate(to, { replace: true });
      })
      .catch(() => setFailed(true));
    return () => {
      done = true;
    };
  }, [manager, navigate]);
  return (
    <div className="container my-5" role="status" aria-live="polite">
      {failed ? (
        <>
          <h1>Accesso non completato</h1>
          <p>
            L’accesso non è andato a buon fine o è scaduto. <a href="/">Torna alla pagina iniziale</a> e premi
            di nuovo «Entra con SPID».
          </p>
        </>
      ) : (
        <p>Accesso in corso…</p>
      )}
    </div>
  );
}
