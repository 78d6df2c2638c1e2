import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PersonalDataExport', {
  description:
    'Everything RTD Hub holds on one person (GDPR art. 15 and 20), as one JSON document: the person, their roles, what they reported (history, evidence), the objectives and files they asked for, the mails sent to them, their notification choices and digest lines, whether they have a calendar address, the audit entries by and about them',
})
export class PersonalDataExportObject {
  @Field(() => ID, { description: 'the person' })
  personId: string;

  @Field(() => String, { description: 'a file name for the document, e.g. "dati-personali-<id>.json"' })
  fileName: string;

  @Field(() => String, { description: 'always "application/json"' })
  contentType: string;

  @Field(() => GraphQLISODateTime)
  generatedAt: Date;

  @Field(() => String, {
    description: 'the document, JSON (format "rtd-hub/personal-data/v1", described in docs/operations.md)',
  })
  content: string;
}

@ObjectType('PseudonymisedRecords', { description: 'How many records of one kind now name the pseudonym' })
export class PseudonymisedRecordsObject {
  @Field(() => String, {
    description:
      'person, memberships, reports (history and evidence), audit, objectives, files, mails, notificationSettings (choices and digest lines, deleted), calendar (the calendar address, deleted), outbox, consortia',
  })
  kind: string;

  @Field(() => Int)
  count: number;
}

@ObjectType('Pseudonymisation', {
  description:
    'A person pseudonymised (GDPR art. 17): name, e-mail, subject and fiscal code replaced, roles revoked; what they did stays attributed to the pseudonym',
})
export class PseudonymisationObject {
  @Field(() => ID)
  personId: string;

  @Field(() => String, { description: 'the stable pseudonym, e.g. "pseudonimo-3f9a1c2b7d40"' })
  pseudonym: string;

  @Field(() => GraphQLISODateTime)
  pseudonymisedAt: Date;

  @Field(() => Int, { description: 'roles that were active and are now revoked' })
  revokedMemberships: number;

  @Field(() => [PseudonymisedRecordsObject])
  records: PseudonymisedRecordsObject[];
}
