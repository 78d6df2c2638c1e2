import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { completeLogin, useAuth } from '../../../lib/auth';
import { LOGIN_LABEL as L } from '../../../lib/i18n';

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
          <h1>{L.failedTitle}</h1>
          <p>
            {L.failedText} <a href="/">{L.failedHome}</a> {L.failedRetry}
          </p>
        </>
      ) : (
        <p>{L.inProgress}</p>
      )}
    </div>
  );
}
