import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { BUILT_IN_EDITIONS, CatalogParseError, importEdition, readEditionSource } from '@rtd/catalog';
import { ownerDataSource } from '@rtd/platform';
import { importCatalogEdition } from '../apps/cli/src/commands/catalog.commands';
import { createTestDatabase, TestDatabase } from './support/test-database';

describe('Catalogue import', () => {
  let db: TestDatabase;
  let owner: DataSource;
  const lineCount = async (edition: string) =>
    (await owner.query(`SELECT count(*)::int AS n FROM plan_line WHERE edition_code = $1`, [edition]))[0].n;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerDataSource(db.config, 'catalog-import-test').initialize();
  });
  afterAll(async () => {
    await owner.destroy();
    await db.drop();
  });

  it.each(BUILT_IN_EDITIONS.map((e) => [e.code, e.source]))(
    'changes nothing when %s is imported a second time, and says so',
    async (code, source) => {
      const report = await owner.transaction((tx) => importEdition(tx, readEditionSource(code, source)));
      expect(report).toMatchObject({ editionCreated: false, added: [], changed: [], removed: [] });
      expect(report.unchanged).toBe(await lineCount(code));
      const printed = await importCatalogEdition(db.config, code, source);
      expect(printed).toContain('nessuna modifica');
    },
  );

  it('reports added, changed and removed lines', async () => {
    const source = readEditionSource('2022-2024', BUILT_IN_EDITIONS[1].source);
    const [first, second, ...rest] = source.lines;
    const edited = {
      ...source,
      lines: [
        { ...first, text: `${first.text} (rivisto)` },
        ...rest,
        { ...second, code: 'CAP9.PA.LA99', chapter: 9 },
      ],
    };
    const report = await owner.transaction((tx) => importEdition(tx, edited));
    expect(report.changed).toEqual([first.code]);
    expect(report.added).toEqual(['CAP9.PA.LA99']);
    expect(report.removed).toEqual([second.code]);
    // Back to the shipped source.
    const restored = await owner.transaction((tx) => importEdition(tx, source));
    expect(restored.added).toEqual([second.code]);
    expect(restored.removed).toEqual(['CAP9.PA.LA99']);
    expect(restored.changed).toEqual([first.code]);
  });

  it('rejects a malformed data file with file, line and reason, changing nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'catalog-'));
    const file = path.join(dir, 'broken.jsonl');
    const good = JSON.stringify({
      code: 'CAP1.PA.LA01',
      chapter: 1,
      chapterTitle: 'Servizi',
      objectiveCodes: ['OB.1.1'],
      text: 'Una linea valida',
      deadlineKind: 'FROM',
      deadline: '2022-01-01',
      minPopulation: null,
      local: false,
    });
    writeFileSync(
      file,
      [
        JSON.stringify({
          edition: '2022-2024',
          title: "Piano Triennale per l'informatica nella PA 2022-2024",
        }),
        good,
        JSON.stringify({ ...JSON.parse(good), code: 'CAP1.PA.LA02', deadlineKind: 'SOMETIME' }),
      ].join('\n') + '\n',
    );
    const before = await lineCount('2022-2024');
    let error: unknown;
    try {
      await importCatalogEdition(db.config, '2022-2024', file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CatalogParseError);
    expect(error).toMatchObject({ file: 'broken.jsonl', line: 3 });
    expect((error as Error).message).toMatch(/^broken\.jsonl:3: /);
    expect(await lineCount('2022-2024')).toBe(before);
  });

  it('refuses to drop a line an objective uses, and rolls the whole import back', async () => {
    const source = readEditionSource('2022-2024', BUILT_IN_EDITIONS[1].source);
    const [used, ...rest] = source.lines;
    const [consortium] = await owner.query(`SELECT id FROM consortium ORDER BY name LIMIT 1`);
    const [objective] = await owner.query(
      `INSERT INTO shared_objective (consortium_id, title, edition_code, target, created_by)
       VALUES ($1, 'Prova', '2022-2024', '{"all":true}', 'test') RETURNING id`,
      [consortium.id],
    );
    await owner.query(
      `INSERT INTO shared_objective_line (objective_id, consortium_id, plan_line_id, position)
       SELECT $1, $2, id, 0 FROM plan_line WHERE edition_code = '2022-2024' AND code = $3`,
      [objective.id, consortium.id, used.code],
    );
    const withoutUsed = { ...source, lines: [{ ...rest[0], text: 'cambiata' }, ...rest.slice(1)] };
    await expect(owner.transaction((tx) => importEdition(tx, withoutUsed))).rejects.toThrow(used.code);
    const [row] = await owner.query(
      `SELECT text FROM plan_line WHERE edition_code = '2022-2024' AND code = $1`,
      [rest[0].code],
    );
    expect(row.text).toBe(rest[0].text);
  });
});
