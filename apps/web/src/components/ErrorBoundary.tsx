import { Component, type ErrorInfo, type ReactNode } from 'react';

const RELOADED = 'rtd.reloadedForNewVersion';

/** A page that cannot load (for example a new version was deployed meanwhile) says so in Italian. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, _info: ErrorInfo) {
    // A chunk of an older build is gone: load the new version once, by itself.
    const staleChunk = /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(
      error.message,
    );
    if (staleChunk && !window.sessionStorage.getItem(RELOADED)) {
      window.sessionStorage.setItem(RELOADED, '1');
      window.location.reload();
    }
  }

  render() {
    if (!this.state.error) {
      window.sessionStorage.removeItem(RELOADED);
      return this.props.children;
    }
    return (
      <div className="alert alert-danger my-4" role="alert">
        <p className="fw-semibold">Non è stato possibile aprire questa pagina.</p>
        <p>Può succedere dopo un aggiornamento di RTD Hub o se la connessione si è interrotta.</p>
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          Ricarica la pagina
        </button>
      </div>
    );
  }
}
