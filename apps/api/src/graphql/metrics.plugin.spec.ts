import { OperationDefinitionNode, parse } from 'graphql';
import { operationLabel } from './metrics.plugin';

const operation = (document: string) => parse(document).definitions[0] as OperationDefinitionNode;

describe('operationLabel', () => {
  it('labels an operation by its first root field, never by the name its client chose', () => {
    expect(
      operationLabel(
        operation('query AnyNameAtAll { assignments(filter: {}) { totalCount } me { subject } }'),
      ),
    ).toBe('assignments');
    expect(
      operationLabel(
        operation('mutation { updateAssignment(id: "1", expectedVersion: 1, input: {}) { version } }'),
      ),
    ).toBe('updateAssignment');
  });

  it('labels a root fragment and a refused document without a field name', () => {
    expect(operationLabel(operation('query { ...F } fragment F on Query { me { subject } }'))).toBe(
      'fragment',
    );
    expect(operationLabel(undefined)).toBe('none');
  });
});
