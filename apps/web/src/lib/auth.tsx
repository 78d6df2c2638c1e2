import { User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { forgetAllDrafts } from './drafts';
import { sameOriginPath } from './return-path';

/** What the API tells the app at /config.json: one build for the demo provider and for Keycloak. */
export interface RuntimeConfig {
  oidcIssuer: string;
  oidcClientId: string;
}

export const CALLBACK_PATH = '/auth/callback';

interface ReturnState {
  returnTo?: string;
}

export function createUserManager(config: RuntimeConfig): UserManager {
  const origin = window.location.origin;
  return new UserManager({
    authority: config.oidcIssuer,
    client_id: config.oidcClientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    silent_redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: 'openid profile email',
    // Renews a minute before expiry: with a refresh token (Keycloak) or a hidden prompt=none request.
    automaticSilentRenew: true,
    accessTokenExpiringNotificationTimeInSeconds: 60,
    // Shared by the browser's tabs, so a link opened in a new tab needs no second login;
    // "Esci" removes it, and the tokens expire within the hour anyway.
    userStore: new WebStorageStateStore({ store: window.localStorage }),
  });
}

/** From index.html when the API served it, else (Vite's dev server) from /config.json. */
async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const inline = document.getElementById('rtd-config')?.textContent;
  if (inline) return JSON.parse(inline) as RuntimeConfig;
  const response = await fetch('/config.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  return (await response.json()) as RuntimeConfig;
}

interface AuthState {
  status: 'loading' | 'anonymous' | 'authenticated' | 'error';
  user: User | null;
  error: string | null;
  /** The renewal before expiry failed (the provider's session ended): warn, and offer to stay. */
  ending?: boolean;
}

export interface Auth extends AuthState {
  manager: UserManager | null;
  /** Sends the browser to the provider's login, coming back to `returnTo` (default: here). */
  login(returnTo?: string): Promise<void>;
  /** Ends the session here and at the provider. */
  logout(): Promise<void>;
  /** The API refused the token: log in again and come back to this page. */
  sessionExpired(): void;
  accessToken(): string | null;
  /** "Resta collegato": renew now, else log in again and come back here (unsent text is kept). */
  stayConnected(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

/** Where the person is now, as a path of this site to come back to (the home page if it is not one). */
function currentLocation(): string {
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  return sameOriginPath(here, window.location.origin) ?? '/';
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [manager, setManager] = useState<UserManager | null>(null);
  const [state, setState] = useState<AuthState>({ status: 'loading', user: null, error: null });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const um = createUserManager(await loadRuntimeConfig());
        const user = await um.getUser();
        if (cancelled) return;
        setManager(um);
        setState(
          user && !user.expired
            ? { status: 'authenticated', user, error: null }
            : { status: 'anonymous', user: null, error: null },
        );
        um.events.addUserLoaded((u) => setState({ status: 'authenticated', user: u, error: null }));
        um.events.addUserUnloaded(() => setState({ status: 'anonymous', user: null, error: null }));
        um.events.addAccessTokenExpired(() => {
          void um.removeUser();
        });
        um.events.addSilentRenewError(() =>
          setState((s) => (s.status === 'authenticated' ? { ...s, ending: true } : s)),
        );
      } catch {
        if (!cancelled)
          setState({
            status: 'error',
            user: null,
            error: 'Il servizio di accesso non risponde. Riprova tra qualche minuto.',
          });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const login = useCallback(
    async (returnTo?: string) => {
      if (!manager) return;
      await manager.signinRedirect({
        state: { returnTo: returnTo ?? currentLocation() } satisfies ReturnState,
      });
    },
    [manager],
  );

  const logout = useCallback(async () => {
    if (!manager) return;
    const user = await manager.getUser();
    window.sessionStorage.removeItem('rtd.activeMembership');
    forgetAllDrafts();
    await manager.signoutRedirect({ id_token_hint: user?.id_token });
  }, [manager]);

  const sessionExpired = useCallback(() => {
    if (!manager) return;
    const returnTo = currentLocation();
    void manager
      .removeUser()
      .then(() => manager.signinRedirect({ state: { returnTo } satisfies ReturnState }));
  }, [manager]);

  const stayConnected = useCallback(async () => {
    if (!manager) return;
    try {
      await manager.signinSilent();
    } catch {
      await manager.signinRedirect({ state: { returnTo: currentLocation() } satisfies ReturnState });
    }
  }, [manager]);

  const value = useMemo<Auth>(
    () => ({
      ...state,
      manager,
      login,
      logout,
      sessionExpired,
      stayConnected,
      accessToken: () => state.user?.access_token ?? null,
    }),
    [state, manager, login, logout, sessionExpired, stayConnected],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** Completes a login (or a silent renewal inside its hidden frame); returns where to go next. */
export async function completeLogin(manager: UserManager): Promise<string> {
  if (window.parent !== window) {
    await manager.signinSilentCallback();
    return '';
  }
  const user = await manager.signinRedirectCallback();
  // Only a path of this site: `//evil.example/x` would be one navigation away from an open redirect.
  const returnTo = sameOriginPath((user.state as ReturnState | undefined)?.returnTo, window.location.origin);
  return returnTo && !returnTo.startsWith(CALLBACK_PATH) ? returnTo : '/';
}
