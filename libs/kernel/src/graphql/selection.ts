import { FieldNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved asks for its sub-field `name` (directly, or in an inline or
 * named fragment): for work only one sub-field needs, such as a connection's `totalCount`.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  const inSet = (set: SelectionSetNode | undefined): boolean =>
    !!set &&
    set.selections.some((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return selection.name.value === name;
        case Kind.INLINE_FRAGMENT:
          return inSet(selection.selectionSet);
        case Kind.FRAGMENT_SPREAD: {
          const fragment = info.fragments[selection.name.value];
          if (!fragment || seen.has(fragment.name.value)) return false;
          seen.add(fragment.name.value);
          return inSet(fragment.selectionSet);
        }
      }
    });
  return info.fieldNodes.some((node: FieldNode) => inSet(node.selectionSet));
}

/**
 * The names of the sub-fields the field being resolved asks for at `path` below it (e.g.
 * ['edges', 'node', 'objective']), through inline and named fragments, whatever their aliases.
 * Over-approximates: a fragment's type condition and @skip/@include are ignored (a field that
 * may be asked counts as asked), so that work done only for what is asked is never left out.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  const fieldsOf = (sets: readonly SelectionSetNode[]): FieldNode[] => {
    const fields: FieldNode[] = [];
    const seen = new Set<string>();
    const visit = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) fields.push(selection);
        else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
        else {
          const fragment = info.fragments[selection.name.value];
          if (!fragment || seen.has(fragment.name.value)) continue;
          seen.add(fragment.name.value);
          visit(fragment.selectionSet);
        }
      }
    };
    sets.forEach(visit);
    return fields;
  };
  const setsOf = (fields: readonly FieldNode[]) =>
    fields.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
  let sets = setsOf(info.fieldNodes);
  for (const name of path) sets = setsOf(fieldsOf(sets).filter((field) => field.name.value === name));
  return new Set(fieldsOf(sets).map((field) => field.name.value));
}
