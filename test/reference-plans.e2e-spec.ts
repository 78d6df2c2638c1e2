import { Client } from 'pg';
import { EntityManager } from 'typeorm';
import { TenancyRepository } from '@rtd/tenancy';
import { PnrrRepository } from '../libs/pnrr/src/pnrr.repository';
import { capturedStatements } from './support/sql-capture';
import { createTestDatabase, TestDatabase } from './support/test-database';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/** How each node of a plan reads its table: "Seq Scan on x", or "by istat_code" for an index lookup on the code. */
function reads(node: PlanNode, found: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan') found.push(`Seq Scan on ${node['Relation Name']}`);
  if (/istat_code\)? = ANY/.test(node['Index Cond'] ?? '')) found.push('by istat_code');
  for (const child of node.Plans ?? []) reads(child, found);
  return found;
}

/**
 * Reading by ISTAT code uses the tables' ISTAT index (a consortium's PNRR totals, a comune's
 * applications, comuni by code). The codes are `character(6)`: compared with a `text[]`
 * parameter, the column is cast to text and no index can serve it, so every statement read all
 * 74,000 applications of the country (the Cruscotto's PNRR section took ~100 ms of the server's
 * time for 50 comuni). With sequential scans priced out, each plan here must look the codes up in
 * an index (an index condition on istat_code), not scan a table or a whole index and filter.
 */
describe('Statements by ISTAT code use the index', () => {
  let db: TestDatabase;
  let owner: Client;
  const codes = ['019035', '019036', '013075'];

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = new Client({ connectionString: db.config.databaseOwnerUrl });
    await owner.connect();
    await owner.query(`SET enable_seqscan = off`);
  });

  afterAll(async () => {
    await owner?.end();
    await db?.drop();
  });

  const pnrr = new PnrrRepository();
  const tenancy = new TenancyRepository();
  const cases: [string, (db: EntityManager) => Promise<unknown>][] = [
    ['PnrrRepository.territoryAmountsByIstatCodes', (m) => pnrr.territoryAmountsByIstatCodes(m, codes)],
    ['PnrrRepository.applicationsByIstatCodes', (m) => pnrr.applicationsByIstatCodes(m, codes)],
    ['PnrrRepository.ownByMeasure', (m) => pnrr.ownByMeasure(m, { codes })],
    ['PnrrRepository.ownTotal', (m) => pnrr.ownTotal(m, { codes })],
    ['PnrrRepository.territoryTotal', (m) => pnrr.territoryTotal(m, { codes })],
    ['TenancyRepository.comuniByIstatCodes', (m) => tenancy.comuniByIstatCodes(m, codes)],
  ];

  it.each(cases)('%s reads by index, not by scanning the table', async (_name, run) => {
    const statements = await capturedStatements(run);
    expect(statements.length).toBeGreaterThan(0);
    for (const { sql, params } of statements) {
      const { rows } = await owner.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      const plan = rows[0]['QUERY PLAN'][0].Plan as PlanNode;
      expect(reads(plan)).toEqual(['by istat_code']);
    }
  });
});
