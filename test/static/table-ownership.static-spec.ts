import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TableOwnership } from '@rtd/kernel';
import { ASSIGNMENTS_TABLES } from '../../libs/assignments/src/tables';
import { AUDIT_TABLES } from '../../libs/audit/src/tables';
import { AUDIT_LOG_TABLES } from '../../libs/audit-log/src/tables';
import { AUTHZ_TABLES } from '../../libs/authz/src/tables';
import { CALENDAR_TABLES } from '../../libs/calendar/src/tables';
import { CATALOG_TABLES } from '../../libs/catalog/src/tables';
import { DATES_TABLES } from '../../libs/dates/src/tables';
import { COMPLIANCE_TABLES } from '../../libs/compliance/src/tables';
import { DEMO_TABLES } from '../../libs/demo/src/tables';
import { EXPORTS_TABLES } from '../../libs/exports/src/tables';
import { IDENTITY_TABLES } from '../../libs/identity/src/tables';
import { KERNEL_TABLES } from '../../libs/kernel/src/tables';
import { NOTIFICATIONS_TABLES } from '../../libs/notifications/src/tables';
import { OBJECTIVES_TABLES } from '../../libs/objectives/src/tables';
import { OUTBOX_TABLES } from '../../libs/outbox/src/tables';
import { PLAN_TABLES } from '../../libs/plan/src/tables';
import { PLATFORM_TABLES } from '../../libs/platform/src/tables';
import { PNRR_TABLES } from '../../libs/pnrr/src/tables';
import { PRIVACY_TABLES } from '../../libs/privacy/src/tables';
import { TENANCY_TABLES } from '../../libs/tenancy/src/tables';
import { PROJECT_ROOT } from '../support/paths';
import {
  KnownException,
  migratedTables,
  ownershipViolations,
  sqlStrings,
  tablesIn,
} from '../support/sql-ownership';

/** Every library's declaration (libs/<library>/src/tables.ts). */
const OWNERSHIPS: TableOwnership[] = [
  DATES_TABLES,
  KERNEL_TABLES,
  AUTHZ_TABLES,
  OUTBOX_TABLES,
  AUDIT_TABLES,
  TENANCY_TABLES,
  AUDIT_LOG_TABLES,
  IDENTITY_TABLES,
  CATALOG_TABLES,
  OBJECTIVES_TABLES,
  ASSIGNMENTS_TABLES,
  COMPLIANCE_TABLES,
  NOTIFICATIONS_TABLES,
  PNRR_TABLES,
  PLAN_TABLES,
  EXPORTS_TABLES,
  PLATFORM_TABLES,
  DEMO_TABLES,
  PRIVACY_TABLES,
  CALENDAR_TABLES,
];

const LIBS = path.join(PROJECT_ROOT, 'libs');

/** Known exceptions, each with its reason; the list only shrinks. */
const EXCEPTIONS: KnownException[] = [
  // The demo seed writes a year of history (objectives, assignments, events, evidence, audit
  // entries with past dates) in bulk, as a fixture; no domain service writes the past.
  ...[
    'shared_objective',
    'shared_objective_line',
    'push_run',
    'assignment',
    'status_event',
    'evidence',
    'audit_log',
  ].map((table) => ({ file: 'libs/demo/src/demo-objectives.seed.ts', kind: 'write' as const, table })),
];

describe('table ownership', () => {
  it('gives every table of the migrations exactly one owning library', () => {
    const owners = new Map<string, string[]>();
    for (const o of OWNERSHIPS)
      for (const table of o.owns) owners.set(table, [...(owners.get(table) ?? []), o.library]);
    const tables = migratedTables(path.join(PROJECT_ROOT, 'migrations'));
    expect(tables.filter((table) => owners.get(table)?.length !== 1)).toEqual([]);
    expect([...owners.keys()].filter((table) => !tables.includes(table))).toEqual([]);
  });

  it('declares exactly the views the migrations create, each exported by one library', () => {
    const views = OWNERSHIPS.flatMap((o) => o.views ?? []).sort();
    expect(views).toEqual(migratedTables(path.join(PROJECT_ROOT, 'migrations'), 'VIEW'));
  });

  it('has a declaration for every library, named after its folder', () => {
    const folders = readdirSync(LIBS).sort();
    expect(OWNERSHIPS.map((o) => o.library).sort()).toEqual(folders);
  });

  it('names every read model after what it is', () => {
    const names = OWNERSHIPS.flatMap((o) => Object.keys(o.readModels ?? {}));
    expect(names.filter((name) => !name.includes('read-model'))).toEqual([]);
  });

  it('finds no library writing a table it does not own, or reading one not shared with it', () => {
    const found = ownershipViolations(LIBS, OWNERSHIPS, EXCEPTIONS).map(
      (v) => `${v.file}: ${v.kind} ${v.table}`,
    );
    expect([...new Set(found)]).toEqual([]);
  });

  it('lists no exception that is no longer needed', () => {
    const unused = EXCEPTIONS.filter(
      (exception) =>
        !ownershipViolations(LIBS, OWNERSHIPS).some(
          (v) => v.file === exception.file && v.kind === exception.kind && v.table === exception.table,
        ),
    );
    expect(unused).toEqual([]);
  });
});

describe('the ownership scan', () => {
  const known = new Set(['assignment', 'person', 'comune']);

  it('reads writes and reads out of SQL strings, not out of comments or CTE names', () => {
    const strings = sqlStrings(
      [
        '// INSERT INTO person is only a comment here',
        'const a = `WITH assignment AS (SELECT 1) SELECT * FROM assignment JOIN comune c ON true`;',
        "const b = 'UPDATE person SET email = NULL';",
        'const c = `INSERT INTO assignment (id) SELECT id FROM unnest($1::uuid[]) ON CONFLICT DO NOTHING`;',
      ].join('\n'),
    );
    expect(strings).toHaveLength(3);
    const [cte, update, insert] = strings.map((sql) => tablesIn(sql, known));
    expect([...cte.reads]).toEqual(['comune']);
    expect([...update.writes]).toEqual(['person']);
    expect([...insert.writes]).toEqual(['assignment']);
  });

  describe('on a library that breaks the rule', () => {
    let dir: string;
    const write = (library: string, source: string) => {
      mkdirSync(path.join(dir, 'libs', library, 'src'), { recursive: true });
      writeFileSync(path.join(dir, 'libs', library, 'src', `${library}.repository.ts`), source);
    };
    const ownerships: TableOwnership[] = [
      { library: 'people', owns: ['person'], sharedWith: { person: ['reports'] } },
      { library: 'work', owns: ['assignment'] },
      { library: 'reports', owns: [] },
    ];

    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'table-ownership-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('fails when a library writes another library table', () => {
      write('people', 'export const q = `UPDATE person SET email = $1 WHERE id = $2`;');
      write('work', 'export const q = `DELETE FROM person WHERE id = $1`;');
      write('reports', 'export const q = `SELECT 1`;');
      expect(ownershipViolations(path.join(dir, 'libs'), ownerships)).toEqual([
        expect.objectContaining({ library: 'work', kind: 'write', table: 'person' }),
      ]);
    });

    it('fails when a library reads a table its owner does not share with it', () => {
      write('people', 'export const q = `SELECT 1`;');
      write('work', 'export const q = `SELECT a.id FROM assignment a JOIN person p ON p.id = a.person_id`;');
      write('reports', 'export const q = `SELECT p.id FROM person p`;');
      expect(ownershipViolations(path.join(dir, 'libs'), ownerships)).toEqual([
        expect.objectContaining({ library: 'work', kind: 'read', table: 'person' }),
      ]);
    });
  });
});
