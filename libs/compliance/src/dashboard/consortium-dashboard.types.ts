import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AssignmentStatusEnum, type AssignmentStatus } from '@rtd/assignments';
import { DateScalar } from '@rtd/kernel';
import { ComplianceBucket } from '../compliance.types';

export enum DashboardComuneOrder {
  NAME = 'NAME',
  COMPLETION_ASC = 'COMPLETION_ASC',
  COMPLETION_DESC = 'COMPLETION_DESC',
}
registerEnumType(DashboardComuneOrder, { name: 'DashboardComuneOrder' });

@InputType('ConsortiumDashboardFilter', {
  description: 'The filters of the Cruscotto; each narrows the others',
})
export class ConsortiumDashboardFilter {
  @Field(() => String, { nullable: true, description: 'Piano Triennale edition, e.g. "2024-2026"' })
  edition?: string | null;

  @Field(() => Int, { nullable: true, description: 'chapter number (of the objective lines)' })
  chapter?: number | null;

  @Field(() => String, { nullable: true, description: 'ISTAT province code, 3 digits' })
  provinceCode?: string | null;

  @Field(() => ID, { nullable: true })
  objectiveId?: string | null;
}

@ObjectType('DashboardObjective', {
  description: 'A column of the Cruscotto: a shared objective and its counts',
})
export class DashboardObjective {
  @Field(() => ID) id: string;
  @Field(() => String) title: string;
  @Field(() => String) edition: string;
  @Field(() => DateScalar, { nullable: true }) dueDate: string | null;
  @Field(() => String, { description: 'DRAFT, PUBLISHED or CLOSED' }) state: string;
  @Field(() => [String]) lineCodes: string[];
  @Field(() => [Int]) chapters: number[];
  @Field(() => ComplianceBucket, { description: 'the same counts as complianceSummary(groupBy: OBJECTIVE)' })
  counts: ComplianceBucket;
}

@ObjectType('DashboardComuneSummary', {
  description: 'A member comune and its counts, without cells (the comuni furthest behind)',
})
export class DashboardComuneSummary {
  @Field(() => ID) id: string;
  @Field(() => String) istatCode: string;
  @Field(() => String) name: string;
  @Field(() => String) provinceCode: string;
  @Field(() => String) provinceName: string;
  @Field(() => ComplianceBucket, { description: 'the same counts as complianceSummary(groupBy: COMUNE)' })
  counts: ComplianceBucket;
}

@ObjectType('DashboardComuneRow', {
  description:
    'A row of the Cruscotto: a member comune, its counts and one cell per objective of `ConsortiumDashboard.objectives`, in that order (null where the comune has no assignment)',
})
export class DashboardComuneRow extends DashboardComuneSummary {
  @Field(() => [AssignmentStatusEnum], { nullable: 'items' }) statuses: (AssignmentStatus | null)[];
  @Field(() => [Boolean], { nullable: 'items' }) overdue: (boolean | null)[];
  @Field(() => [ID], { nullable: 'items' }) assignmentIds: (string | null)[];
}

@ObjectType('DashboardComunePage')
export class DashboardComunePage {
  @Field(() => Int) totalCount: number;
  @Field(() => Int) offset: number;
  @Field(() => [DashboardComuneRow]) rows: DashboardComuneRow[];
}

@ObjectType('DashboardAssignmentItem', {
  description:
    'An assignment in a list of the Cruscotto (a deadline, a criticità), named by comune and objective',
})
export class DashboardAssignmentItem {
  @Field(() => ID) assignmentId: string;
  @Field(() => ID) comuneId: string;
  @Field(() => String) comuneName: string;
  @Field(() => ID) objectiveId: string;
  @Field(() => String) objectiveTitle: string;
  @Field(() => AssignmentStatusEnum) status: AssignmentStatus;
  @Field(() => Int) progress: number;
  @Field(() => DateScalar, { nullable: true }) dueDate: string | null;
  @Field(() => Boolean) overdue: boolean;
  @Field(() => String, { nullable: true, description: 'the criticità as the comune last wrote it' })
  issues: string | null;
  @Field(() => GraphQLISODateTime, { description: 'when the assignment last changed' }) updatedAt: Date;
}

@ObjectType('DashboardAssignmentPage')
export class DashboardAssignmentPage {
  @Field(() => Int) totalCount: number;
  @Field(() => Int) offset: number;
  @Field(() => [DashboardAssignmentItem]) items: DashboardAssignmentItem[];
}

@ObjectType('DashboardOption')
export class DashboardOption {
  @Field(() => String) value: string;
  @Field(() => String) label: string;
}

@ObjectType('DashboardFilterOptions', {
  description: 'What the filters can choose, from the whole consortium',
})
export class DashboardFilterOptions {
  @Field(() => [String]) editions: string[];
  @Field(() => [Int]) chapters: number[];
  @Field(() => [DashboardOption]) provinces: DashboardOption[];
  @Field(() => [DashboardOption]) objectives: DashboardOption[];
}

@ObjectType('ConsortiumDashboard', {
  description:
    'The Cruscotto of a consortium in one answer. `version` names the data it was computed from; asked again with `since` equal to it, the answer has `changed: false` and nothing else',
})
export class ConsortiumDashboard {
  @Field(() => ID) consortiumId: string;
  @Field(() => String) version: string;
  @Field(() => Boolean) changed: boolean;
  @Field(() => DateScalar, {
    description: 'today in Rome: overdue and the next deadlines are as of this day',
  })
  today: string;
  @Field(() => Int, { description: 'how many days ahead `deadlines` looks' }) deadlineDays: number;
  @Field(() => ComplianceBucket, {
    nullable: true,
    description: 'the filtered set; unfiltered, the same as complianceSummary(groupBy: CONSORTIUM)',
  })
  figures: ComplianceBucket | null;
  @Field(() => [DashboardObjective], { nullable: true }) objectives: DashboardObjective[] | null;
  @Field(() => DashboardComunePage, { nullable: true }) comuni: DashboardComunePage | null;
  @Field(() => DashboardAssignmentPage, {
    nullable: true,
    description: 'open assignments due from today to today + deadlineDays, soonest first',
  })
  deadlines: DashboardAssignmentPage | null;
  @Field(() => DashboardAssignmentPage, {
    nullable: true,
    description: 'open assignments whose comune reported a criticità, most recently changed first',
  })
  criticita: DashboardAssignmentPage | null;
  @Field(() => [DashboardComuneSummary], {
    nullable: true,
    description:
      'the `laggardsFirst` comuni furthest behind under the same filters: lowest completion rate first, only comuni with something to count',
  })
  laggards: DashboardComuneSummary[] | null;
  @Field(() => DashboardFilterOptions, { nullable: true }) options: DashboardFilterOptions | null;
}
