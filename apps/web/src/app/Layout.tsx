import { Button } from 'design-react-kit';
import type { ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { SessionWarning } from '../components/SessionWarning';
import { useAuth } from '../lib/auth';
import { describeMembership, useSession } from '../features/session/session';
import { LAYOUT_LABEL as L } from '../lib/i18n';
import { homeOf, navigationFor } from './roles';

/** Bootstrap Italia header: the service, who is logged in and in which role, the pages of that role. */
export function Layout({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const session = useSession();
  const navigate = useNavigate();
  const links = navigationFor(session.active);
  // A new role has its own pages: start from its home.
  const switchTo = (id: string) => {
    session.choose(id);
    navigate(homeOf(session.memberships.find((m) => m.id === id) ?? null));
  };
  return (
    <>
      {/* design-react-kit's Skiplink drops its children unless it is a `nav`: a plain link. */}
      <a className="rtd-skip" href="#contenuto">
        {L.skipToContent}
      </a>
      <header className="it-header-wrapper">
        <div className="it-header-slim-wrapper">
          <div className="container">
            <div className="it-header-slim-wrapper-content d-flex flex-wrap justify-content-between align-items-center gap-2 py-1">
              <span className="text-white">{L.office}</span>
              <div className="rtd-header-user">
                <span>
                  <span className="visually-hidden">{L.signedInAs}</span>
                  <strong>{session.displayName}</strong>
                </span>
                {session.memberships.length > 1 ? (
                  <label className="d-flex align-items-center gap-2 mb-0">
                    <span className="text-white">{L.role}</span>
                    <select
                      value={session.active?.id ?? ''}
                      onChange={(e) => switchTo(e.target.value)}
                      aria-label={L.roleSwitch}
                    >
                      {session.memberships.map((m) => (
                        <option key={m.id} value={m.id}>
                          {describeMembership(m)}
                        </option>
                      ))}
                    </select>
                  </label>
                ) : session.active ? (
                  <span>{describeMembership(session.active)}</span>
                ) : (
                  <span>{L.noRole}</span>
                )}
                <NavLink to="/notifiche" className="text-white">
                  {L.notifications}
                </NavLink>
                <Button type="button" color="light" outline size="sm" onClick={() => void auth.logout()}>
                  {L.logout}
                </Button>
              </div>
            </div>
          </div>
        </div>
        <div className="it-header-center-wrapper">
          <div className="container">
            <div className="it-header-center-content-wrapper py-2">
              <div className="it-brand-wrapper">
                <NavLink to="/" className="text-white text-decoration-none">
                  <div className="it-brand-text">
                    <div className="it-brand-title">{L.brand}</div>
                    <div className="it-brand-tagline d-none d-md-block">{L.tagline}</div>
                  </div>
                </NavLink>
              </div>
            </div>
            {links.length ? (
              <nav aria-label={L.navigation} className="rtd-nav pb-2">
                <ul className="list-unstyled d-flex flex-wrap gap-4 mb-0">
                  {links.map((link) => (
                    <li key={link.to}>
                      <NavLink to={link.to} end>
                        {link.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
          </div>
        </div>
      </header>
      <main id="contenuto" className="container my-4">
        <SessionWarning />
        {children}
      </main>
      <footer className="it-footer">
        <div className="it-footer-small-prints clearfix">
          <div className="container py-3 text-white small">{L.footer}</div>
        </div>
      </footer>
    </>
  );
}
