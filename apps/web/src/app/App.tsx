import { Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { ErrorNotice, Loading } from '../components/Feedback';
import { CallbackPage } from '../features/auth/components/CallbackPage';
import { LoginPage } from '../features/auth/components/LoginPage';
import { SessionProvider, useMe, useSession } from '../features/session/session';
import { AuthProvider, CALLBACK_PATH, useAuth } from '../lib/auth';
import { toAppError } from '../lib/errors';
import { GraphqlProvider } from '../lib/graphql';
import { Layout } from './Layout';
import { NotFoundPage, WelcomePage } from './pages';
import { homeOf, isComuneRole, isOfficeRole } from './roles';

import { AssignmentPage } from '../features/assignment/components/AssignmentPage';
import { ReviewQueuePage } from '../features/review/components/ReviewQueuePage';
import { WorklistPage } from '../features/worklist/components/WorklistPage';

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
  if (auth.status === 'loading') return <Loading what="di RTD Hub" />;
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
      <Loading what="del profilo" />
    );
  return (
    <SessionProvider me={data.me}>
      <Layout>
        <ErrorBoundary>
          <Suspense fallback={<Loading what="della pagina" />}>
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
      <Route path="/benvenuto" element={<WelcomePage hasRole={session.memberships.length > 0} />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function RoleOnly({ allowed, children }: { allowed: boolean; children: ReactNode }) {
  return allowed ? children : <NotFoundPage />;
}

function ComuneRoute() {
  const { active } = useSession();
  return (
    <RoleOnly allowed={isComuneRole(active)}>
      {active?.comune ? <WorklistPage comuneId={active.comune.id} comuneName={active.comune.name} /> : null}
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
    ? { href: '/da-validare', label: 'Da validare' }
    : { href: '/comune', label: 'Le attività del Comune' };
  return <AssignmentPage key={id} id={id} backTo={backTo} />;
}
