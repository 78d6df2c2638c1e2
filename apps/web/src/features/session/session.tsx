import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import type { MeQuery as MeResult } from '../../gql/graphql';
import { ROLE_LABEL } from '../../lib/i18n';
import { MeQuery } from './api/me';

export type SessionMembership = MeResult['me']['memberships'][number];

export interface Session {
  displayName: string;
  memberships: SessionMembership[];
  /** The membership the person acts in now (they may hold several). */
  active: SessionMembership | null;
  choose(id: string): void;
}

const STORAGE_KEY = 'rtd.activeMembership';
const SessionContext = createContext<Session | null>(null);

/** "Referente del Comune · Crema" */
export function describeMembership(m: SessionMembership): string {
  const scope =
    m.comune?.name ?? m.consortium?.name ?? (m.regionCode ? (m.regionName ?? 'Regione') : 'Piattaforma');
  return `${ROLE_LABEL[m.role]} · ${scope}`;
}

export function useMe() {
  return useQuery({ query: MeQuery, requestPolicy: 'cache-first' });
}

export function SessionProvider({ me, children }: { me: MeResult['me']; children: ReactNode }) {
  const [chosen, setChosen] = useState<string | null>(() => window.sessionStorage.getItem(STORAGE_KEY));
  const choose = useCallback((id: string) => {
    window.sessionStorage.setItem(STORAGE_KEY, id);
    setChosen(id);
  }, []);
  const value = useMemo<Session>(() => {
    const active = me.memberships.find((m) => m.id === chosen) ?? me.memberships[0] ?? null;
    return {
      displayName: me.displayName ?? me.fiscalCode ?? me.subject,
      memberships: me.memberships,
      active,
      choose,
    };
  }, [me, chosen, choose]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
