import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ExportKindEnum {
  SCHEDA_COMUNE_PDF = 'SCHEDA_COMUNE_PDF',
  MONITORING_XLSX = 'MONITORING_XLSX',
  CONSORTIUM_REPORT_PDF = 'CONSORTIUM_REPORT_PDF',
  CONSORTIUM_REPORT_XLSX = 'CONSORTIUM_REPORT_XLSX',
  PIANO_PDF = 'PIANO_PDF',
  PIANO_DOCX = 'PIANO_DOCX',
  REGION_XLSX = 'REGION_XLSX',
}
registerEnumType(ExportKindEnum, {
  name: 'ExportKind',
  description:
    "SCHEDA_COMUNE_PDF: the scheda per comune (PDF); MONITORING_XLSX: the monitoring sheet (XLSX); CONSORTIUM_REPORT_PDF / CONSORTIUM_REPORT_XLSX: the periodic report of a consortium (consortiumId), built by the worker and kept a year; PIANO_PDF / PIANO_DOCX: a version of the consortium's Piano (pianoVersionId) as the document the mayors approve, PDF or editable Word; REGION_XLSX: the figures of «La Regione» (regionCode) as a workbook, for the region's observer",
});

export enum ExportStateEnum {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(ExportStateEnum, { name: 'ExportState' });

@InputType('ExportRequestInput', {
  description:
    'Exactly one of comuneId (one comune) or consortiumId (all its members, one file); for PIANO_PDF and PIANO_DOCX, pianoVersionId instead; for REGION_XLSX, regionCode alone',
})
export class ExportRequestInput {
  @Field(() => ExportKindEnum)
  kind: ExportKindEnum;

  @Field(() => ID, { nullable: true })
  comuneId?: string | null;

  @Field(() => ID, { nullable: true })
  consortiumId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'MONITORING_XLSX: the edition of the plan (default: every edition the activities use, one sheet each, else the latest)',
  })
  edition?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "CONSORTIUM_REPORT_PDF: the RTD's commentary, printed in the report's summary (up to 4,000 characters)",
  })
  commentary?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "PIANO_PDF, PIANO_DOCX: the version of the consortium's Piano (its consortium is the file's)",
  })
  pianoVersionId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'REGION_XLSX: the ISTAT code of the region ("03"), one the caller observes',
  })
  regionCode?: string | null;
}

@ObjectType('ExportJob', { description: 'A file asked for; only who asked sees it' })
export class ExportJobObject {
  @Field(() => ID)
  id: string;

  @Field(() => ExportKindEnum)
  kind: ExportKindEnum;

  @Field(() => ExportStateEnum)
  state: ExportStateEnum;

  @Field(() => ID, { nullable: true, description: "the file's consortium; null for a region's (regionCode)" })
  consortiumId: string | null;

  @Field(() => String, { nullable: true, description: 'REGION_XLSX: the ISTAT code of the region' })
  regionCode: string | null;

  @Field(() => ID, { nullable: true })
  comuneId: string | null;

  @Field(() => String, { nullable: true })
  edition: string | null;

  @Field(() => ID, { nullable: true, description: 'PIANO_PDF, PIANO_DOCX: the version of the Piano' })
  pianoVersionId: string | null;

  @Field(() => String, { nullable: true })
  fileName: string | null;

  @Field(() => Int, { nullable: true, description: 'bytes' })
  size: number | null;

  @Field(() => GraphQLISODateTime)
  requestedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'COMPLETED only: a path on the API, signed for the caller and valid for minutes; GET it with the same bearer token. Ask exportJob again for a fresh one',
  })
  downloadUrl: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  downloadExpiresAt: Date | null;

  @Field(() => Int, {
    description: 'percent built (0-100), as the worker moves through the file',
  })
  progress: number;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'when the file is no longer kept (the periodic report: a year after it is built)',
  })
  expiresAt: Date | null;
}
