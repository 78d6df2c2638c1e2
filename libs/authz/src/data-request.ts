import { SessionSettings } from '@rtd/kernel';
import { AccessScope } from './access-scope';

/**
 * The narrow right of the operator's data request on one person (GDPR art. 15-17, 20): the signed
 * setting `app.data_request`, read only by the SECURITY DEFINER functions that collect or
 * pseudonymise that person's rows in every tenant, and only beside `app.admin`
 * (migrations/1764000101000-personal-data.ts). A caller who is not the platform admin never gets it.
 */
export function dataRequestSettings(scope: AccessScope, personId: string): SessionSettings {
  if (!scope.platformAdmin) throw new Error('a data request is answered by the platform admin only');
  return { 'app.data_request': personId };
}
