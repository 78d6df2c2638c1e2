import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { AssignmentStatusEnum } from '@rtd/assignments';
import type { AssignmentStatus } from '@rtd/assignments';

@InputType('StatusImportInput', {
  description:
    'A monitoring sheet (XLSX, its own layout) or a CSV with the same headers, base64-encoded (at most 2 MB before encoding); exactly one of comuneId or consortiumId',
})
export class StatusImportInput {
  @Field(() => String, { description: 'The name of the uploaded file (.xlsx or .csv)' })
  fileName: string;

  @Field(() => String, { description: 'The file, base64' })
  contentBase64: string;

  @Field(() => ID, { nullable: true })
  comuneId?: string | null;

  @Field(() => ID, { nullable: true })
  consortiumId?: string | null;

  @Field(() => Boolean, {
    description:
      'true: report what would change and every error, change nothing; false: apply all or nothing',
  })
  dryRun: boolean;
}

@ObjectType('StatusImportChange', { description: 'One assignment the file changes' })
export class StatusImportChangeObject {
  @Field(() => String, { nullable: true, description: 'The sheet (XLSX); null for a CSV' })
  sheet: string | null;

  @Field(() => Int, { description: 'The row in the file (the header is row 1)' })
  row: number;

  @Field(() => ID)
  assignmentId: string;

  @Field(() => String)
  comuneName: string;

  @Field(() => String)
  lineCode: string;

  @Field(() => AssignmentStatusEnum)
  fromStatus: AssignmentStatus;

  @Field(() => AssignmentStatusEnum)
  toStatus: AssignmentStatus;

  @Field(() => Int)
  fromProgress: number;

  @Field(() => Int)
  toProgress: number;

  @Field(() => Boolean, { description: 'The criticità change too' })
  issuesChanged: boolean;

  @Field(() => Int, { description: 'The version the file was read at (expectedVersion)' })
  expectedVersion: number;
}

@ObjectType('StatusImportError', { description: 'Why one row cannot be applied' })
export class StatusImportErrorObject {
  @Field(() => String, { nullable: true })
  sheet: string | null;

  @Field(() => Int)
  row: number;

  @Field(() => String, { nullable: true, description: "The column's header, as in the file" })
  column: string | null;

  @Field(() => String, { description: 'In Italian' })
  reason: string;
}

@ObjectType('StatusImportReport', {
  description:
    'The outcome of an import: the changes (applied, or that would be applied by a dry run) and the errors; with any error nothing is applied',
})
export class StatusImportReportObject {
  @Field(() => Boolean)
  dryRun: boolean;

  @Field(() => Boolean, { description: 'true only when the changes were written' })
  applied: boolean;

  @Field(() => String, { description: 'XLSX or CSV' })
  format: string;

  @Field(() => Int, { description: 'Rows read (blank rows left out)' })
  rowsRead: number;

  @Field(() => Int, { description: 'Rows with an assignment whose values are already the current ones' })
  unchanged: number;

  @Field(() => [StatusImportChangeObject])
  changes: StatusImportChangeObject[];

  @Field(() => [StatusImportErrorObject])
  errors: StatusImportErrorObject[];
}
