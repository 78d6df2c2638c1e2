import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@rtd/audit';
import { callerAccess, membershipAbilities, on, Role, ROLE_SCOPE } from '@rtd/authz';
import {
  actorSubject,
  badInput,
  forbidden,
  masculine,
  notFound,
  parseId,
  RequestContext,
  roleName,
  rowsByIdLoader,
} from '@rtd/kernel';
import { TenancyService } from '@rtd/tenancy';
import { GrantRoleInput, MeObject, MembershipObject, PersonProfileObject } from './dto/membership.object';
import { AccessInvalidation } from './access-invalidation';
import { fiscalCodeProblem, normalizeFiscalCode } from './fiscal-code';
import { mailAddress } from './mail-address';
import { IdentityRepository, MembershipRecord, Principal } from './identity.repository';

const CLIENT_ID = /^[A-Za-z0-9._-]{1,100}$/;
const REGION_CODE = /^\d{2}$/;
/** Machine clients are portals and integrations: they observe, they never report or review. */
const CLIENT_ROLES: Role[] = ['REGIONAL_OBSERVER', 'AUDITOR'];

const toMembershipObject = (row: MembershipRecord): MembershipObject => ({
  id: row.id,
  role: row.role as Role,
  consortiumId: row.consortiumId,
  comuneId: row.comuneId,
  regionCode: row.regionCode,
  grantedAt: row.grantedAt,
  personId: row.personId,
});

/** Name and e-mail given with a grant, checked: short plain text, a plausible address. */
function personProfile(input: GrantRoleInput) {
  const text = (field: 'givenName' | 'familyName', value: string | null | undefined) => {
    const clean = value?.trim() || null;
    if (clean && (clean.length > 100 || /[\u0000-\u001f<>]/.test(clean)))
      throw badInput(field, 'al massimo 100 caratteri, senza simboli < >');
    return clean;
  };
  const given = input.email?.trim() || null;
  const email = mailAddress(given);
  if (given && !email) throw badInput('email', 'un indirizzo come nome.cognome@comune.example.it');
  return {
    givenName: text('givenName', input.givenName),
    familyName: text('familyName', input.familyName),
    email,
  };
}

interface GrantScope {
  consortiumId: string | null;
  comuneId: string | null;
  regionCode: string | null;
}

/** Who the caller is, and the granting and revoking of roles within what the matrix allows. */
@Injectable()
export class IdentityService {
  constructor(
    private readonly repository: IdentityRepository,
    private readonly tenancy: TenancyService,
    private readonly audit: AuditTrail,
    private readonly rights: AccessInvalidation,
  ) {}

  async me(ctx: RequestContext): Promise<MeObject> {
    const actor = ctx.actor;
    const access = await callerAccess(ctx);
    const memberships =
      access.principal && access.scope.hasAnyRole
        ? await this.repository.activeMembershipsOf(await ctx.db(), access.principal)
        : [];
    return {
      subject: actor.kind === 'anonymous' ? '' : actor.subject,
      fiscalCode: actor.kind === 'person' ? actor.fiscalCode : null,
      displayName: access.displayName,
      memberships: memberships.map(toMembershipObject),
    };
  }

  async grantRole(ctx: RequestContext, input: GrantRoleInput): Promise<MembershipObject> {
    const who = this.grantee(input);
    const scope = await this.grantScope(ctx, input);
    const { ability } = await callerAccess(ctx);
    if (!ability.can('grant', on('Membership', { role: input.role, ...scope, grantee: who.kind }))) {
      throw forbidden();
    }
    const granted = await ctx.atomically(async (db) => {
      const principal: Principal =
        who.kind === 'person'
          ? { personId: await this.repository.findOrCreatePerson(db, who.fiscalCode, who.profile) }
          : { machineClientId: (await this.repository.findOrCreateClient(db, who.clientId)).id };
      const id = await this.repository.ensureMembership(
        db,
        principal,
        input.role,
        scope,
        actorSubject(ctx.actor),
      );
      await this.audit.record(db, ctx, {
        action: 'membership.grant',
        entityType: 'Membership',
        entityId: id,
        consortiumId: scope.consortiumId,
        comuneId: scope.comuneId,
        details: {
          role: input.role,
          ...(who.kind === 'person' ? { kind: who.kind, fiscalCode: who.fiscalCode } : who),
          regionCode: scope.regionCode,
        },
      });
      const row = await this.repository.membershipById(db, id);
      return toMembershipObject(row!);
    });
    // Cached rights are cleared once the grant is visible: cleared earlier, a concurrent request
    // could cache the memberships of before the commit again.
    this.rights.afterCommit(ctx);
    return granted;
  }

  async revokeRole(ctx: RequestContext, membershipId: string): Promise<boolean> {
    const id = parseId('membershipId', membershipId);
    const { ability } = await callerAccess(ctx);
    const revoked = await ctx.atomically(async (db) => {
      const row = await this.repository.membershipById(db, id);
      if (!row) throw notFound(masculine('Ruolo'));
      const target = on('Membership', {
        role: row.role as Role,
        consortiumId: row.consortiumId,
        comuneId: row.comuneId,
        regionCode: row.regionCode,
      });
      if (!ability.can('revoke', target)) throw forbidden();
      if (row.revokedAt !== null) return true;
      await this.repository.revokeMembership(db, id, actorSubject(ctx.actor));
      await this.audit.record(db, ctx, {
        action: 'membership.revoke',
        entityType: 'Membership',
        entityId: id,
        consortiumId: row.consortiumId,
        comuneId: row.comuneId,
        details: { role: row.role },
      });
      return true;
    });
    // After the commit, here and in every API instance (see grantRole).
    this.rights.afterCommit(ctx);
    return revoked;
  }

  /**
   * The people holding a role in a municipality, for who may read its roles: its consortium's
   * office (RTD, staff, auditors), its referent, the operator.
   */
  async comuneMembers(ctx: RequestContext, comuneId: string): Promise<MembershipObject[]> {
    const id = parseId('comuneId', comuneId);
    const comune = await this.tenancy.getComune(ctx, id);
    const consortiumId = await this.tenancy.consortiumIdOf(ctx, comune.id);
    await this.authorizeRead(ctx, consortiumId, id);
    const rows = await this.repository.activeMembershipsOfComune(await ctx.db(), id);
    return rows.map(toMembershipObject);
  }

  /**
   * Every active role in a consortium and its municipalities (people and machine clients), for
   * its office (RTD, staff, auditors) and the operator.
   */
  async consortiumMemberships(ctx: RequestContext, consortiumId: string): Promise<MembershipObject[]> {
    const id = parseId('consortiumId', consortiumId);
    await this.tenancy.getConsortium(ctx, id);
    await this.authorizeRead(ctx, id, null);
    const rows = await this.repository.activeMembershipsOfConsortium(await ctx.db(), id);
    return rows.map(toMembershipObject);
  }

  async personOf(ctx: RequestContext, membership: MembershipObject): Promise<PersonProfileObject | null> {
    if (!membership.personId) return null;
    const row = await rowsByIdLoader(ctx, 'identity.person', (db, ids) =>
      this.repository.peopleByIds(db, ids),
    ).load(membership.personId);
    if (!row) return null;
    const name = [row.givenName, row.familyName].filter(Boolean).join(' ');
    // An address stored before addresses were checked as mail servers do is not shown (nor mailed).
    return {
      id: row.id,
      fiscalCode: row.fiscalCode.trim(),
      displayName: name || null,
      email: mailAddress(row.email),
    };
  }

  /** Whether the caller may revoke this membership (the screen shows "Revoca" only then). */
  async canRevoke(ctx: RequestContext, membership: MembershipObject): Promise<boolean> {
    const { ability } = await callerAccess(ctx);
    return ability.can(
      'revoke',
      on('Membership', {
        role: membership.role,
        consortiumId: membership.consortiumId,
        comuneId: membership.comuneId,
        regionCode: membership.regionCode,
      }),
    );
  }

  /** What the role lets its holder do: the ability factory asked with this membership alone. */
  abilitiesOf(membership: MembershipObject) {
    return membershipAbilities(membership, membership.personId);
  }

  consortiumOf(ctx: RequestContext, membership: MembershipObject) {
    return membership.consortiumId ? this.tenancy.findConsortium(ctx, membership.consortiumId) : null;
  }

  regionNameOf(ctx: RequestContext, membership: MembershipObject) {
    return membership.regionCode ? this.tenancy.regionName(ctx, membership.regionCode) : null;
  }

  comuneOf(ctx: RequestContext, membership: MembershipObject) {
    return membership.comuneId ? this.tenancy.findComune(ctx, membership.comuneId) : null;
  }

  private async authorizeRead(ctx: RequestContext, consortiumId: string | null, comuneId: string | null) {
    const { ability } = await callerAccess(ctx);
    const subject = on('Membership', { role: null, consortiumId, comuneId, regionCode: null });
    if (!ability.can('read', subject)) throw forbidden();
  }

  private grantee(input: GrantRoleInput):
    | {
        kind: 'person';
        fiscalCode: string;
        profile: { givenName: string | null; familyName: string | null; email: string | null };
      }
    | { kind: 'client'; clientId: string } {
    const fiscalCode = input.fiscalCode?.trim() || null;
    const clientId = input.clientId?.trim() || null;
    if ((fiscalCode === null) === (clientId === null)) {
      throw badInput(
        'fiscalCode',
        'indicare esattamente uno tra fiscalCode (una persona) e clientId (un client)',
      );
    }
    if (fiscalCode !== null) {
      const code = normalizeFiscalCode(fiscalCode);
      const problem = fiscalCodeProblem(code);
      if (problem === 'format')
        throw badInput('fiscalCode', 'un codice fiscale ha 16 caratteri, ad esempio RSSMRA80A01H501U');
      if (problem === 'check') throw badInput('fiscalCode', 'il carattere di controllo non corrisponde');
      return { kind: 'person', fiscalCode: code, profile: personProfile(input) };
    }
    if (input.givenName || input.familyName || input.email) {
      throw badInput('givenName', 'nome, cognome ed e-mail valgono solo per una persona, non per un client');
    }
    if (!CLIENT_ID.test(clientId!))
      throw badInput('clientId', 'lettere, cifre, ".", "_" e "-", al massimo 100');
    if (!CLIENT_ROLES.includes(input.role)) {
      throw badInput(
        'clientId',
        `a un client si assegnano solo i ruoli ${CLIENT_ROLES.map(roleName).join(' e ')}`,
      );
    }
    return { kind: 'client', clientId: clientId! };
  }

  /** The scope fields the role needs, and only those, each checked to exist and be visible. */
  private async grantScope(ctx: RequestContext, input: GrantRoleInput): Promise<GrantScope> {
    const kind = ROLE_SCOPE[input.role];
    const given = {
      consortiumId: input.consortiumId ?? null,
      comuneId: input.comuneId ?? null,
      regionCode: input.regionCode ?? null,
    };
    const needed: Record<typeof kind, (keyof GrantScope)[]> = {
      service: [],
      consortium: ['consortiumId'],
      comune: ['comuneId'],
      region: ['regionCode'],
    };
    for (const field of ['consortiumId', 'comuneId', 'regionCode'] as const) {
      const required = needed[kind].includes(field);
      const allowedExtra = kind === 'comune' && field === 'consortiumId';
      if (required && given[field] === null)
        throw badInput(field, `obbligatorio per il ruolo ${roleName(input.role)}`);
      if (!required && !allowedExtra && given[field] !== null) {
        throw badInput(field, `non previsto per il ruolo ${roleName(input.role)}`);
      }
    }
    switch (kind) {
      case 'service':
        return { consortiumId: null, comuneId: null, regionCode: null };
      case 'consortium': {
        const consortiumId = parseId('consortiumId', given.consortiumId!);
        await this.tenancy.getConsortium(ctx, consortiumId);
        return { consortiumId, comuneId: null, regionCode: null };
      }
      case 'comune': {
        const comuneId = parseId('comuneId', given.comuneId!);
        await this.tenancy.getComune(ctx, comuneId);
        const consortiumId = await this.tenancy.consortiumIdOf(ctx, comuneId);
        if (consortiumId === null) throw badInput('comuneId', 'il comune non appartiene ad alcun consorzio');
        if (given.consortiumId !== null && parseId('consortiumId', given.consortiumId) !== consortiumId) {
          throw badInput('consortiumId', 'il comune non appartiene a questo consorzio');
        }
        return { consortiumId, comuneId, regionCode: null };
      }
      case 'region': {
        const regionCode = given.regionCode!.trim();
        if (!REGION_CODE.test(regionCode) || !(await this.tenancy.regionExists(ctx, regionCode))) {
          throw badInput('regionCode', 'codice ISTAT di regione di 2 cifre, ad esempio "03"');
        }
        return { consortiumId: null, comuneId: null, regionCode };
      }
    }
  }
}
