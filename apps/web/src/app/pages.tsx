import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { PAGES_LABEL as L } from '../lib/i18n';

export function NotFoundPage() {
  return (
    <>
      <PageTitle title={L.notFoundTitle}>{L.notFoundTitle}</PageTitle>
      <p>{L.notFoundText}</p>
      <Link to="/">{L.home}</Link>
    </>
  );
}

export function WelcomePage({ hasRole }: { hasRole: boolean }) {
  return (
    <>
      <PageTitle title={L.welcomeTitle}>{L.welcomeHeading}</PageTitle>
      <p>{hasRole ? L.welcomeWithRole : L.welcomeNoRole}</p>
    </>
  );
}
