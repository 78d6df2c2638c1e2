import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('ConsortiumSettings', { description: 'The settings of a consortium that its RTD decides' })
export class ConsortiumSettingsObject {
  @Field(() => ID)
  consortiumId: string;

  @Field(() => Boolean, {
    description:
      "«L'ufficio può inserire gli stati per conto dei Comuni»: the RTD office (RTD, staff) may enter the comuni's reports (status, progress, criticità, submission) on their behalf through a consortium-wide status import; each step is recorded as such. Off by default",
  })
  officeReportsForComuni: boolean;

  @Field(() => Boolean, {
    description: 'Whether the caller may change these settings (the RTD of the consortium)',
  })
  canUpdate: boolean;
}

@InputType('UpdateConsortiumSettingsInput')
export class UpdateConsortiumSettingsInput {
  @Field(() => ID)
  consortiumId: string;

  @Field(() => Boolean)
  officeReportsForComuni: boolean;
}
