import { Field, GraphQLISODateTime, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '@rtd/kernel';

export enum PlanEditionStatusEnum {
  CURRENT = 'CURRENT',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(PlanEditionStatusEnum, {
  name: 'PlanEditionStatus',
  description: 'SUPERSEDED once another edition of the registry replaces it',
});

@ObjectType('PlanEditionSource', { description: 'Where the text of an edition comes from' })
export class PlanEditionSourceObject {
  @Field(() => String, { description: '"rst" (AgID reStructuredText) or "jsonl" (extracted lines)' })
  format: string;

  @Field(() => String)
  description: string;

  @Field(() => String, { nullable: true })
  url: string | null;

  @Field(() => String, { nullable: true, description: 'The commit or version of the source' })
  revision: string | null;

  @Field(() => String, { nullable: true })
  licence: string | null;
}

@ObjectType('PlanEdition')
export class PlanEditionObject {
  @Field(() => String, { description: '"2020-2022", "2022-2024", "2024-2026", "2024-2026-agg-2025"' })
  code: string;

  @Field(() => String)
  title: string;

  @Field(() => Int)
  lineCount: number;

  @Field(() => Int, { description: 'First year of the plan' })
  periodFrom: number;

  @Field(() => Int, { description: 'Last year of the plan' })
  periodTo: number;

  @Field(() => PlanEditionStatusEnum)
  status: PlanEditionStatusEnum;

  @Field(() => String, { nullable: true, description: 'The edition this one replaces' })
  supersedes: string | null;

  @Field(() => String, { nullable: true, description: 'The edition that replaces this one' })
  supersededBy: string | null;

  @Field(() => DateScalar, { nullable: true })
  publishedOn: string | null;

  @Field(() => PlanEditionSourceObject)
  source: PlanEditionSourceObject;

  @Field(() => GraphQLISODateTime, { description: 'When an import last changed it' })
  importedAt: Date;

  @Field(() => GraphQLISODateTime, { description: 'When it was first imported' })
  createdAt: Date;
}

@InputType('PlanEditionImportInput', {
  description:
    'A new or updated edition from AgID\'s reStructuredText, as a ZIP archive of the folder (GitHub\'s "Download ZIP" works). An edition.json in the archive may give the fields; those given here win',
})
export class PlanEditionImportInput {
  @Field(() => String, {
    nullable: true,
    description: 'Edition code, e.g. "2027-2029"; required unless the archive has an edition.json',
  })
  code?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => Int, { nullable: true, description: 'Defaults to the first year of the code' })
  periodFrom?: number | null;

  @Field(() => Int, { nullable: true, description: 'Defaults to the second year of the code' })
  periodTo?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The edition this one replaces; its lines are mapped to this one',
  })
  supersedes?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the text comes from, in a sentence' })
  sourceNote?: string | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'The commit or version of the source' })
  revision?: string | null;

  @Field(() => String, { description: 'The ZIP archive, base64-encoded' })
  archiveBase64: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Check and report, change nothing',
  })
  dryRun?: boolean | null;
}

@ObjectType('PlanSuccessionImportReport')
export class PlanSuccessionImportReportObject {
  @Field(() => String)
  fromEdition: string;

  @Field(() => Int)
  links: number;

  @Field(() => Int)
  reviewed: number;

  @Field(() => Int)
  dropped: number;

  @Field(() => Boolean, { description: 'Mapped by the tool at import, not reviewed yet' })
  automatic: boolean;
}

@ObjectType('PlanEditionImportReport')
export class PlanEditionImportReportObject {
  @Field(() => String)
  edition: string;

  @Field(() => String)
  title: string;

  @Field(() => Boolean)
  dryRun: boolean;

  @Field(() => Boolean)
  created: boolean;

  @Field(() => [String])
  added: string[];

  @Field(() => [String])
  changed: string[];

  @Field(() => [String])
  removed: string[];

  @Field(() => Int)
  unchanged: number;

  @Field(() => PlanSuccessionImportReportObject, { nullable: true })
  successions: PlanSuccessionImportReportObject | null;

  @Field(() => String, { description: 'The report in Italian, as the command line prints it' })
  summary: string;
}
