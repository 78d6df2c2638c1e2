import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@rtd/kernel';
import { PersonalDataExportObject, PseudonymisationObject } from './dto/personal-data.types';
import { PrivacyService } from './privacy.service';

/** A person's data on request, for the service's operator (PLATFORM_ADMIN) only. */
@Resolver()
export class PrivacyResolver {
  constructor(private readonly privacy: PrivacyService) {}

  @Mutation(() => PersonalDataExportObject, {
    description:
      'Exports everything the service holds on the person with this fiscal code (GDPR art. 15 and 20) as one JSON document; the operator only; recorded in the audit log as privacy.export',
  })
  exportPersonalData(
    @Ctx() ctx: RequestContext,
    @Args('fiscalCode', { type: () => String }) fiscalCode: string,
  ): Promise<PersonalDataExportObject> {
    return this.privacy.export(ctx, fiscalCode);
  }

  @Mutation(() => PseudonymisationObject, {
    description:
      'Pseudonymises the person with this fiscal code (GDPR art. 17): name, e-mail, subject and fiscal code replaced, roles revoked, what they did attributed to a stable pseudonym; the operator only, never on themselves; recorded in the audit log as privacy.pseudonymise',
  })
  pseudonymisePerson(
    @Ctx() ctx: RequestContext,
    @Args('fiscalCode', { type: () => String }) fiscalCode: string,
  ): Promise<PseudonymisationObject> {
    return this.privacy.pseudonymise(ctx, fiscalCode);
  }
}
