import { Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { ErrorNotice, Loading } from '../components/Feedback';
import { CallbackPage } from '../features/auth/components/CallbackPage';
import { LoginPage } from '../features/auth/components/LoginPage';
import { SessionProvider, useMe, useSession } from '../features/session/session';
import { AuthProvider, CALLBACK_PATH, useAuth } from '../lib/auth';
import { toAppError } from '../lib/errors';
import { lazyPage } from '../lib/lazy-page';
import { GraphqlProvider } from '../lib/graphql';
import { Layout } from './Layout';
import { NotFoundPage, WelcomePage } from './pages';
import type { Role } from '../gql/graphql';
import { LOADING_LABEL, NAV_LABEL } from '../lib/i18n';
import {
  abilitiesOf,
  homeOf,
  isComuneRole,
  isObserver,
  isOfficeRole,
  isOfficeWriter,
  isOperator,
  type Abilities,
} from './roles';

import { AssignmentPage } from '../features/assignment/components/AssignmentPage';
import { ReviewQueuePage } from '../features/review/components/ReviewQueuePage';
import { WorklistPage } from '../features/worklist/components/WorklistPage';
import { AuditLogPage } from '../features/audit/components/AuditLogPage';
import { CatalogPage } from '../features/catalog/components/CatalogPage';
import { ComunePage } from '../features/comune/components/ComunePage';
import { ExportButtons } from '../features/exports/components/ExportButtons';
import { ReportPanel } from '../features/exports/components/ReportPanel';
import { StatusImport } from '../features/exports/components/StatusImport';
import { OfficeReportsSetting } from '../features/consortia/components/OfficeReportsSetting';
import { ConsortiaPage } from '../features/consortia/components/ConsortiaPage';
import { PeoplePage } from '../features/people/components/PeoplePage';
import { RegionPage } from '../features/region/components/RegionPage';
import { PianoPage } from '../features/plan/components/PianoPage';
import { NotificationsPage } from '../features/notifications/components/NotificationsPage';
import { CalendarFeedPanel } from '../features/calendar/components/CalendarFeedPanel';

// The dashboard draws charts (ECharts): it loads on demand, so the other pages stay light. Opened
// at its own address, its chunk is asked at once, alongside the login and `me`, not after them.
const DashboardPage = lazyPage(
  () => import('../features/dashboard/components/DashboardPage').then((m) => m.DashboardPage),
  window.location.pathname.startsWith('/cruscotto'),
);
// The scheda intervento draws its indicators' trend (ECharts): loaded on demand too.
const SchedaPage = lazyPage(() => import('../features/plan/components/SchedaPage').then((m) => m.SchedaPage));
const ObjectivesPage = lazyPage(() =>
  import('../features/objectives/components/ObjectivesPage').then((m) => m.ObjectivesPage),
);
const ObjectiveEditorPage = lazyPage(() =>
  import('../features/objectives/components/ObjectiveEditorPage').then((m) => m.ObjectiveEditorPage),
);

export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <Routes>
          <Route path={CALLBACK_PATH} element={<CallbackPage />} />
          <Route path="*" element={<Authenticated />} />
        </Routes>
      </AuthProvider>
    </BrowserRouter>
  );
}

/** Everything but the callback needs a login; a deep link survives it. */
function Authenticated() {
  const auth = useAuth();
  const location = useLocation();
  if (auth.status === 'loading') return <Loading what={LOADING_LABEL.app} />;
  if (auth.status !== 'authenticated')
    return (
      <LoginPage
        onLogin={() => void auth.login()}
        deepLink={location.pathname !== '/'}
        error={auth.status === 'error' ? auth.error : null}
      />
    );
  return (
    <GraphqlProvider>
      <WithSession />
    </GraphqlProvider>
  );
}

function WithSession() {
  const [{ data, error }] = useMe();
  const appError = toAppError(error);
  if (!data)
    return appError ? (
      <div className="container my-5">
        <ErrorNotice error={appError} />
      </div>
    ) : (
      <Loading what={LOADING_LABEL.profile} />
    );
  return (
    <SessionProvider me={data.me}>
      <Layout>
        <ErrorBoundary>
          <Suspense fallback={<Loading what={LOADING_LABEL.page} />}>
            <AppRoutes />
          </Suspense>
        </ErrorBoundary>
      </Layout>
    </SessionProvider>
  );
}

function AppRoutes() {
  const session = useSession();
  return (
    <Routes>
      <Route path="/" element={<Navigate to={homeOf(session.active)} replace />} />
      <Route path="/comune" element={<ComuneRoute />} />
      <Route path="/da-validare" element={<ReviewRoute />} />
      <Route path="/assegnazioni/:id" element={<AssignmentRoute />} />
      {/* Links in the e-mail digests. */}
      <Route path="/assegnazioni" element={<Navigate to={homeOf(session.active)} replace />} />
      <Route path="/verifiche" element={<Navigate to="/da-validare" replace />} />
      <Route
        path="/cruscotto"
        element={
          <Office
            render={(o) => (
              <DashboardPage
                {...o}
                actions={
                  <>
                    <ExportButtons scope={{ consortiumId: o.consortiumId }} />
                    {/* The consortium's sheet comes back (issue 23, point 5): RTD and staff. */}
                    {o.canWrite ? (
                      <StatusImport consortiumId={o.consortiumId}>
                        <OfficeReportsSetting consortiumId={o.consortiumId} />
                      </StatusImport>
                    ) : null}
                    <ReportPanel consortiumId={o.consortiumId} />
                  </>
                }
              />
            )}
          />
        }
      />
      <Route path="/obiettivi" element={<Office render={(o) => <ObjectivesPage {...o} />} />} />
      <Route
        path="/obiettivi/nuovo"
        element={<Office writer render={(o) => <ObjectiveEditorPage {...o} objectiveId={null} />} />}
      />
      <Route path="/obiettivi/:id" element={<ObjectiveRoute />} />
      <Route path="/comuni/:id" element={<ComuneSheetRoute />} />
      <Route path="/persone" element={<Office render={(o) => <PeoplePage {...o} />} />} />
      <Route
        path="/registro"
        element={
          <Office render={(o) => (o.abilities.readsAuditLog ? <AuditLogPage {...o} /> : <NotFoundPage />)} />
        }
      />
      <Route
        path="/piano"
        element={
          <RoleOnly allowed={session.memberships.length > 0}>
            <CatalogPage />
          </RoleOnly>
        }
      />
      <Route path="/piano-consorzio" element={<Office render={(o) => <PianoPage {...o} />} />} />
      <Route path="/piano-consorzio/schede/:id" element={<SchedaRoute />} />
      <Route path="/regione" element={<RegionRoute />} />
      <Route
        path="/consorzi"
        element={
          <RoleOnly allowed={isOperator(session.active)}>
            <ConsortiaPage />
          </RoleOnly>
        }
      />
      <Route path="/notifiche" element={<NotificationsPage calendar={<CalendarFeedPanel />} />} />
      <Route path="/benvenuto" element={<WelcomePage hasRole={session.memberships.length > 0} />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function RoleOnly({ allowed, children }: { allowed: boolean; children: ReactNode }) {
  return allowed ? children : <NotFoundPage />;
}

/** What an office page knows of who is looking: the consortium, and whether they may write. */
export interface OfficeProps {
  consortiumId: string;
  consortiumName: string;
  role: Role;
  /** RTD or staff: may create objectives, review, and so on (the server's `managesConsortium`). */
  canWrite: boolean;
  /** What the server says this role may do (Membership.abilities). */
  abilities: Abilities;
}

function Office({ render, writer = false }: { render: (props: OfficeProps) => ReactNode; writer?: boolean }) {
  const { active } = useSession();
  if (!isOfficeRole(active) || (writer && !isOfficeWriter(active))) return <NotFoundPage />;
  return (
    <>
      {render({
        consortiumId: active!.consortium!.id,
        consortiumName: active!.consortium!.name,
        role: active!.role,
        canWrite: isOfficeWriter(active),
        abilities: abilitiesOf(active),
      })}
    </>
  );
}

function ObjectiveRoute() {
  const { id = '' } = useParams();
  return <Office render={(o) => <ObjectiveEditorPage key={id} {...o} objectiveId={id} />} />;
}

function SchedaRoute() {
  const { id = '' } = useParams();
  return <Office render={(o) => <SchedaPage key={id} {...o} interventoId={id} />} />;
}

function ComuneSheetRoute() {
  const { id = '' } = useParams();
  return (
    <Office
      render={(o) => (
        <ComunePage
          key={id}
          {...o}
          comuneId={id}
          actions={
            <>
              <ExportButtons scope={{ comuneId: id }} />
              {o.canWrite ? <StatusImport comuneId={id} /> : null}
            </>
          }
        />
      )}
    />
  );
}

function RegionRoute() {
  const { active } = useSession();
  return (
    <RoleOnly allowed={isObserver(active)}>
      <RegionPage regionCode={active?.regionCode ?? ''} regionName={active?.regionName ?? null} />
    </RoleOnly>
  );
}

function ComuneRoute() {
  const { active } = useSession();
  return (
    <RoleOnly allowed={isComuneRole(active)}>
      {active?.comune ? (
        <WorklistPage
          comuneId={active.comune.id}
          comuneName={active.comune.name}
          actions={
            <>
              <ExportButtons scope={{ comuneId: active.comune.id }} />
              {abilitiesOf(active).importsComuneStatuses ? (
                <StatusImport comuneId={active.comune.id} />
              ) : null}
            </>
          }
        />
      ) : null}
    </RoleOnly>
  );
}

function ReviewRoute() {
  const { active } = useSession();
  return (
    <RoleOnly allowed={isOfficeRole(active)}>
      {active?.consortium ? (
        <ReviewQueuePage consortiumId={active.consortium.id} consortiumName={active.consortium.name} />
      ) : null}
    </RoleOnly>
  );
}

function AssignmentRoute() {
  const { id = '' } = useParams();
  const { active } = useSession();
  const backTo = isOfficeRole(active)
    ? { href: '/da-validare', label: NAV_LABEL['/da-validare'] }
    : { href: '/comune', label: NAV_LABEL['/comune'] };
  return (
    <AssignmentPage
      key={id}
      id={id}
      backTo={backTo}
      canRecordIndicators={abilitiesOf(active).recordsIndicators}
    />
  );
}
