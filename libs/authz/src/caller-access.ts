import { RequestContext } from '@rtd/kernel';
import { AppAbility, buildAbility } from './ability.factory';
import { AccessScope, NO_ACCESS } from './access-scope';

/** The caller's rights for one request: the sets of its memberships and the ability built from them. */
export interface CallerAccess {
  scope: AccessScope;
  ability: AppAbility;
  displayName: string | null;
  /** The caller's row: a person or a machine client (null for nobody). */
  principal: { personId: string } | { machineClientId: string } | null;
}

export function accessFor(
  scope: AccessScope,
  displayName: string | null = null,
  principal: CallerAccess['principal'] = null,
): CallerAccess {
  return { scope, ability: buildAbility(scope), displayName, principal };
}

export const NOBODY: CallerAccess = accessFor(NO_ACCESS);

/** The caller's rights, loaded on first use in the request's transaction. */
export async function callerAccess(ctx: RequestContext): Promise<CallerAccess> {
  return ((await ctx.accessUntyped()) as CallerAccess | null) ?? NOBODY;
}
