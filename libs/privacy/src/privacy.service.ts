import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { personalAssignmentRecords, pseudonymiseAssignmentRecords } from '@rtd/assignments';
import { AuditTrail, personalAuditEntries, pseudonymiseAuditEntries } from '@rtd/audit';
import { personalCalendarFeed, pseudonymiseCalendarFeed } from '@rtd/calendar';
import { Action, callerAccess, dataRequestSettings, on } from '@rtd/authz';
import { personalFiles, pseudonymiseFiles } from '@rtd/exports';
import {
  AccessInvalidation,
  fiscalCodeProblem,
  membershipHistoryOf,
  normalizeFiscalCode,
  personByFiscalCode,
  PersonRecord,
  pseudonymisePerson,
} from '@rtd/identity';
import { badInput, feminine, forbidden, notFound, RequestContext } from '@rtd/kernel';
import {
  personalMails,
  personalNotificationSettings,
  pseudonymiseMails,
  pseudonymiseNotificationSettings,
} from '@rtd/notifications';
import { personalObjectives, pseudonymiseObjectives } from '@rtd/objectives';
import { pseudonymiseOutbox } from '@rtd/outbox';
import { consortiaCreatedBy, pseudonymiseConsortiumCreators, TenancyService } from '@rtd/tenancy';
import { PersonalDataExportObject, PseudonymisationObject } from './dto/personal-data.types';

/** The format of the exported document, versioned so that a reader can tell what it holds. */
export const PERSONAL_DATA_FORMAT = 'rtd-hub/personal-data/v1';

/** The strings that name a person in the records: their tokens' subject and their fiscal code. */
const identifiersOf = (person: PersonRecord): string[] =>
  [person.subject, person.fiscalCode].filter((value): value is string => !!value);

/**
 * A person's data on request (GDPR art. 15-17 and 20), for the service's operator only (the
 * ability's `export` and `pseudonymise` on PersonalData): the export of everything the service
 * holds on them, as one JSON document, and pseudonymisation when they leave. Each runs in one
 * savepoint of the operator's request with the narrow right of this data request
 * (`app.data_request`, authz), reads and writes every table through its owner's functions, and is
 * recorded in the audit log (`privacy.export`, `privacy.pseudonymise`; never the person's
 * identifiers).
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly audit: AuditTrail,
    private readonly tenancy: TenancyService,
    private readonly rights: AccessInvalidation,
  ) {}

  async export(ctx: RequestContext, fiscalCode: string): Promise<PersonalDataExportObject> {
    const person = await this.dataSubject(ctx, 'export', fiscalCode);
    const generatedAt = new Date();
    const document = await ctx.atomically(async (db) => {
      const collected = await this.collect(ctx, db, person);
      await this.audit.record(db, ctx, {
        action: 'privacy.export',
        entityType: 'Person',
        entityId: person.id,
        consortiumId: null,
      });
      return collected;
    });
    return {
      personId: person.id,
      fileName: `dati-personali-${person.id}.json`,
      contentType: 'application/json',
      generatedAt,
      content: JSON.stringify({ format: PERSONAL_DATA_FORMAT, generatedAt, ...document }, null, 2),
    };
  }

  async pseudonymise(ctx: RequestContext, fiscalCode: string): Promise<PseudonymisationObject> {
    const person = await this.dataSubject(ctx, 'pseudonymise', fiscalCode);
    const { scope } = await callerAccess(ctx);
    if (scope.personId === person.id)
      throw badInput('fiscalCode', 'la propria persona si fa pseudonimizzare da un altro operatore');
    const pseudonym = `pseudonimo-${randomBytes(6).toString('hex')}`;
    const result = await ctx.atomically(async (db) => {
      const identifiers = identifiersOf(person);
      // Every owner's records first: their functions find the person by the identifiers the
      // person row still holds; the person row last.
      const records = [
        { kind: 'reports', count: await pseudonymiseAssignmentRecords(db, pseudonym) },
        { kind: 'audit', count: await pseudonymiseAuditEntries(db, pseudonym) },
        { kind: 'objectives', count: await pseudonymiseObjectives(db, pseudonym) },
        { kind: 'files', count: await pseudonymiseFiles(db, pseudonym) },
        { kind: 'mails', count: await pseudonymiseMails(db, pseudonym) },
        { kind: 'notificationSettings', count: await pseudonymiseNotificationSettings(db, pseudonym) },
        { kind: 'calendar', count: await pseudonymiseCalendarFeed(db, pseudonym) },
        { kind: 'outbox', count: await pseudonymiseOutbox(db, pseudonym) },
        { kind: 'consortia', count: await pseudonymiseConsortiumCreators(db, identifiers, pseudonym) },
      ];
      const revokedMemberships = await pseudonymisePerson(db, pseudonym);
      records.push({ kind: 'person', count: 1 }, { kind: 'memberships', count: revokedMemberships });
      await this.audit.record(db, ctx, {
        action: 'privacy.pseudonymise',
        entityType: 'Person',
        entityId: person.id,
        consortiumId: null,
        details: { pseudonym, revokedMemberships },
      });
      return { records, revokedMemberships };
    });
    // Their revoked roles leave every API instance's cache once committed.
    this.rights.afterCommit(ctx);
    return { personId: person.id, pseudonym, pseudonymisedAt: new Date(), ...result };
  }

  /** The operator's right, the fiscal code checked, the person found, then this request's narrow right on them. */
  private async dataSubject(ctx: RequestContext, action: Action, raw: string): Promise<PersonRecord> {
    const { ability, scope } = await callerAccess(ctx);
    if (!ability.can(action, on('PersonalData', {}))) throw forbidden();
    const fiscalCode = normalizeFiscalCode(raw ?? '');
    const problem = fiscalCodeProblem(fiscalCode);
    if (problem === 'format')
      throw badInput('fiscalCode', 'un codice fiscale ha 16 caratteri, ad esempio RSSMRA80A01H501U');
    if (problem === 'check') throw badInput('fiscalCode', 'il carattere di controllo non corrisponde');
    const person = await personByFiscalCode(await ctx.db(), fiscalCode);
    if (!person) throw notFound(feminine('Persona'));
    await ctx.extendSettings(dataRequestSettings(scope, person.id));
    return person;
  }

  /** The document's sections, each from the library that owns the records. */
  private async collect(ctx: RequestContext, db: EntityManager, person: PersonRecord) {
    const memberships = await Promise.all(
      (await membershipHistoryOf(db, person.id)).map(async (m) => ({
        ...m,
        consortiumName: m.consortiumId
          ? ((await this.tenancy.findConsortium(ctx, m.consortiumId))?.name ?? null)
          : null,
        comune: m.comuneId ? await this.comune(ctx, m.comuneId) : null,
      })),
    );
    return {
      person,
      memberships,
      reports: await personalAssignmentRecords(db),
      objectives: await personalObjectives(db),
      files: await personalFiles(db),
      mails: await personalMails(db),
      notificationSettings: await personalNotificationSettings(db),
      calendarFeed: await personalCalendarFeed(db),
      consortiaCreated: await consortiaCreatedBy(db, identifiersOf(person)),
      auditEntries: await personalAuditEntries(db),
    };
  }

  private async comune(ctx: RequestContext, id: string) {
    const comune = await this.tenancy.findComune(ctx, id);
    return comune ? { id, name: comune.name, istatCode: comune.istatCode } : { id };
  }
}
