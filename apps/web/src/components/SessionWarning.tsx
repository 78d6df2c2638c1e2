import { useEffect, useState } from 'react';
import { useAuth } from '../lib/auth';

const time = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * A warning before the session ends (the provider's session is over and the renewal failed), with
 * a way to stay: what the person was typing is kept in the browser either way (lib/drafts.ts).
 */
export function SessionWarning() {
  const { status, user, ending, stayConnected } = useAuth();
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ending) return;
    const timer = window.setInterval(() => setNow(Date.now()), 5_000);
    return () => window.clearInterval(timer);
  }, [ending]);
  if (status !== 'authenticated' || !ending || !user?.expires_at) return null;
  const seconds = Math.max(0, Math.round(user.expires_at - now / 1000));
  return (
    <div className="alert alert-warning d-flex flex-wrap gap-2 align-items-center" role="alert">
      <span>
        La sessione sta per scadere (alle {time.format(new Date(user.expires_at * 1000))}
        {seconds < 120 ? `, tra ${seconds} secondi` : ''}). Quello che stai scrivendo resta salvato in questo
        browser.
      </span>
      <button
        type="button"
        className="btn btn-primary btn-sm"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void stayConnected().finally(() => setBusy(false));
        }}
      >
        Resta collegato
      </button>
    </div>
  );
}
