import type { ObjectiveQuery } from '../../../gql/graphql';
import type { PickedLine } from './LinePicker';
import type { TargetDraft } from './TargetEditor';

/** The server's limit on an objective's description (libs/objectives). */
export const MAX_DESCRIPTION = 10_000;

export type Objective = NonNullable<ObjectiveQuery['sharedObjective']>;

export interface Draft {
  title: string;
  description: string;
  edition: string;
  dueDate: string;
  lines: PickedLine[];
  target: TargetDraft;
}

export const emptyTarget: TargetDraft = {
  all: true,
  comuneIds: [],
  minPopulation: '',
  maxPopulation: '',
  provinceCodes: [],
};

export function draftOf(o: Objective): Draft {
  return {
    title: o.title,
    description: o.description ?? '',
    edition: o.edition,
    dueDate: o.dueDate ?? '',
    lines: o.lines,
    target: {
      all: o.target.all,
      comuneIds: o.target.comuneIds ?? [],
      // The stored target carries the lines' inherited threshold; the editor shows the person's own choice.
      minPopulation: o.target.all ? '' : String(o.target.minPopulation ?? ''),
      maxPopulation: o.target.all ? '' : String(o.target.maxPopulation ?? ''),
      provinceCodes: o.target.provinceCodes ?? [],
    },
  };
}
