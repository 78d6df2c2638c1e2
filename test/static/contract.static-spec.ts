import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { contractProblems, contractSize } from '../support/contract-check';
import { PROJECT_ROOT as ROOT } from '../support/paths';

/** The public contract, copied from ../shared/contract/schema.graphql so a clone alone can check it. */
const CONTRACT = path.join(ROOT, 'docs/contract/schema.graphql');
const SHARED_CONTRACT = path.join(ROOT, '../shared/contract/schema.graphql');
const SCHEMA = path.join(ROOT, 'apps/api/schema.gql');

describe('the public GraphQL contract', () => {
  const contract = readFileSync(CONTRACT, 'utf8');
  const schema = readFileSync(SCHEMA, 'utf8');
  // What the contract names and later issues implement, one difference per line: it may only shrink.
  const pending = new Set(
    readFileSync(path.join(ROOT, 'test/contract-pending.txt'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#')),
  );

  it('is a real contract, not an empty file', () => {
    expect(contractSize(contract)).toBeGreaterThan(200);
  });

  it('is honoured by the committed schema.gql, apart from what is listed as pending', () => {
    expect(contractProblems(contract, schema).filter((p) => !pending.has(p))).toEqual([]);
  });

  it('reports a schema that drops, retypes or renames what the contract names', () => {
    const broken = schema
      .replace(/^(type Me \{\n\s+displayName: String\n\s+)fiscalCode:/m, '$1fiscalCodeRenamed:')
      .replace(/^(\s+)lineCount: Int!$/m, '$1lineCount: String!')
      .replace(/^(\s+)SUBMITTED$/m, '$1SUBMITTED_RENAMED');
    expect(broken).not.toBe(schema);
    const problems = contractProblems(contract, broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'Me.fiscalCode is missing',
        expect.stringMatching(/\.lineCount is String!, contract says Int!$/),
        expect.stringMatching(/^enum \w+ lacks SUBMITTED$/),
      ]),
    );
  });

  it('lists nothing as pending that the schema already honours', () => {
    const problems = new Set(contractProblems(contract, schema));
    expect([...pending].filter((p) => !problems.has(p))).toEqual([]);
  });

  // The copy follows the shared contract wherever the shared folder sits beside the clone (CI, the
  // team's machines); a clone alone still checks against the copy above.
  (existsSync(SHARED_CONTRACT) ? it : it.skip)('is an exact copy of the shared contract', () => {
    expect(contract).toBe(readFileSync(SHARED_CONTRACT, 'utf8'));
  });
});
