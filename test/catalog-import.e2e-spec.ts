import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { builtInEditions, CatalogParseError, importEdition, readEditionFromPath } from '@rtd/catalog';
import { ownerDataSource } from '@rtd/platform';
import { importCatalogEdition } from '../apps/cli/src/commands/catalog.commands';
import { builtInBundle, reworded, withLines } from './support/catalog';
import { PROJECT_ROOT } from './support/paths';
import { createTestDatabase, TestDatabase } from './support/test-database';

const FIXTURE = path.join(PROJECT_ROOT, 'test/fixtures/pianotriennale-2027-2029');

describe('Catalogue import', () => {
  let db: TestDatabase;
  let owner: DataSource;
  const lineCount = async (edition: string) =>
    (await owner.query(`SELECT count(*)::int AS n FROM plan_line WHERE edition_code = $1`, [edition]))[0].n;
  const scratch = () => mkdtempSync(path.join(tmpdir(), 'catalog-'));

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerDataSource(db.config, 'catalog-import-test').initialize();
  });
  afterAll(async () => {
    await owner.destroy();
    await db.drop();
  });

  it.each(builtInEditions().map((e) => [e.code, e.dir]))(
    'changes nothing when %s is imported a second time, and says so',
    async (code, dir) => {
      const report = await owner.transaction(async (tx) =>
        importEdition(tx, await readEditionFromPath(dir, null)),
      );
      expect(report).toMatchObject({
        editionCreated: false,
        registryChanged: false,
        added: [],
        changed: [],
        removed: [],
      });
      expect(report.successions?.changed ?? false).toBe(false);
      expect(report.unchanged).toBe(await lineCount(code));
      const printed = await importCatalogEdition(db.config, dir, null);
      expect(printed).toContain('nessuna modifica');
    },
  );

  it('keeps the registry: period, source, superseded editions', async () => {
    const rows = await owner.query(
      `SELECT code, period_from, period_to, supersedes, source_format, source_revision,
              EXISTS (SELECT 1 FROM plan_edition n WHERE n.supersedes = e.code) AS superseded
         FROM plan_edition e ORDER BY code`,
    );
    expect(rows).toEqual([
      expect.objectContaining({ code: '2020-2022', period_from: 2020, supersedes: null, superseded: true }),
      expect.objectContaining({
        code: '2022-2024',
        supersedes: '2020-2022',
        source_format: 'jsonl',
        superseded: true,
      }),
      expect.objectContaining({ code: '2024-2026', supersedes: '2022-2024', superseded: true }),
      expect.objectContaining({
        code: '2024-2026-agg-2025',
        period_from: 2024,
        period_to: 2026,
        supersedes: '2024-2026',
        source_revision: '07e7aaa14e678390d578df7d8fdac75967af5ef4',
        superseded: false,
      }),
    ]);
  });

  it('reports added, changed and removed lines', async () => {
    const source = await builtInBundle('2022-2024');
    const [first, second] = source.raw.lines;
    // An edited source comes without its reviewed mapping: the tool maps it at import.
    const edited = {
      ...withLines(source, (lines) => [
        reworded(first, `${first.printed} (rivisto)`),
        ...lines.slice(2),
        { ...second, code: 'CAP9.PA.LA99', chapter: 9 },
      ]),
      files: new Map(),
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
    const dir = scratch();
    const file = path.join(dir, 'broken.jsonl');
    const good = {
      code: 'CAP1.PA.LA01',
      chapter: 1,
      chapterTitle: 'Servizi',
      objectiveCodes: ['OB.1.1'],
      printed: 'Da gennaio 2022 – I Comuni fanno',
      local: false,
    };
    writeFileSync(
      file,
      [
        JSON.stringify({
          edition: '2022-2024',
          title: "Piano Triennale per l'informatica nella PA 2022-2024",
        }),
        JSON.stringify(good),
        JSON.stringify({ ...good, code: 'CAP1.PA.LA02', chapter: 'uno' }),
      ].join('\n') + '\n',
    );
    const before = await lineCount('2022-2024');
    const error = await importCatalogEdition(db.config, file, { code: '2022-2024' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogParseError);
    expect(error).toMatchObject({ file: 'broken.jsonl', line: 3 });
    expect((error as Error).message).toMatch(/^broken\.jsonl:3: /);
    expect(await lineCount('2022-2024')).toBe(before);
  });

  it('refuses to drop a line an objective uses, and rolls the whole import back', async () => {
    const source = await builtInBundle('2022-2024');
    const [used, next] = source.raw.lines;
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
    const withoutUsed = {
      ...withLines(source, (lines) => [reworded(next, 'cambiata'), ...lines.slice(2)]),
      files: new Map(),
    };
    await expect(owner.transaction((tx) => importEdition(tx, withoutUsed))).rejects.toThrow(used.code);
    const [row] = await owner.query(
      `SELECT text FROM plan_line WHERE edition_code = '2022-2024' AND code = $1`,
      [next.code],
    );
    expect(row.text).not.toBe('cambiata');
    await owner.query(`DELETE FROM shared_objective WHERE id = $1`, [objective.id]);
  });

  describe('a new edition from a folder of AgID reStructuredText, without a code change', () => {
    const fields = {
      code: '2027-2029',
      supersedes: '2024-2026-agg-2025',
      description: 'Edizione di prova dei test',
    };

    it('is checked by a dry run that changes nothing', async () => {
      const printed = await importCatalogEdition(db.config, FIXTURE, fields, { dryRun: true });
      expect(printed).toMatch(/Edizione 2027-2029 \(nuova\) — prova, nessuna modifica salvata/);
      expect(printed).toMatch(
        /aggiunte 5 linee: CAP3\.PA\.01, CAP3\.PA\.02, CAP3\.PA\.03, CAP5\.PA\.01, CAP5\.PA\.02/,
      );
      expect(await owner.query(`SELECT 1 FROM plan_edition WHERE code = '2027-2029'`)).toEqual([]);
    });

    it('is imported with its facts and mapped from the edition it supersedes, then imported again idempotently', async () => {
      const printed = await importCatalogEdition(db.config, FIXTURE, fields);
      expect(printed).toMatch(
        /corrispondenze dall'edizione 2024-2026-agg-2025: .*calcolate ora dallo strumento: da rivedere/,
      );
      const lines = await owner.query(
        `SELECT code, deadline, deadlines, min_population, max_population, bodies, comuni_scope, conditions
           FROM plan_line WHERE edition_code = '2027-2029' ORDER BY code`,
      );
      expect(lines.find((l: { code: string }) => l.code === 'CAP5.PA.01')).toMatchObject({
        deadline: '2028-06-30',
        min_population: 3000,
        max_population: 15000,
        bodies: ['MUNICIPALITIES'],
        comuni_scope: 'ALL',
        conditions: ['non ancora presente nel catalogo dati.gov.it'],
      });
      expect(lines.find((l: { code: string }) => l.code === 'CAP5.PA.01').deadlines[0].qualifier).toBe(
        '(o altro termine indicato dal decreto)',
      );
      expect(lines.find((l: { code: string }) => l.code === 'CAP3.PA.02').deadline).toBe('2027-09-23');
      expect(lines.find((l: { code: string }) => l.code === 'CAP3.PA.03').comuni_scope).toBe(
        'METROPOLITAN_CAPITALS',
      );
      expect(lines.find((l: { code: string }) => l.code === 'CAP5.PA.02').comuni_scope).toBe('NONE');
      // The accessibility declaration of the 2025 update leads to the one of 2027-2029.
      const [link] = await owner.query(
        `SELECT t.code AS "to", s.kind, s.reviewed FROM plan_line_succession s
           JOIN plan_line f ON f.id = s.from_line_id JOIN plan_line t ON t.id = s.to_line_id
          WHERE s.to_edition = '2027-2029' AND f.code = 'CAP3.PA.14'`,
      );
      // The 2025 and 2026 declarations of the update (CAP3.PA.14, CAP3.PA.16) both lead to it.
      expect(link).toEqual({ to: 'CAP3.PA.02', kind: 'MERGED', reviewed: false });
      const [{ superseded }] = await owner.query(
        `SELECT EXISTS (SELECT 1 FROM plan_edition WHERE supersedes = '2024-2026-agg-2025') AS superseded`,
      );
      expect(superseded).toBe(true);
      expect(await importCatalogEdition(db.config, FIXTURE, fields)).toContain('nessuna modifica');
    });

    it('reports a defect of the source with its file and line, and changes nothing', async () => {
      const dir = scratch();
      cpSync(FIXTURE, dir, { recursive: true });
      const file = path.join(dir, 'capitolo-3_servizi/accessibilita.rst');
      writeFileSync(file, readFileSync(file, 'utf8').replace('**Marzo 2027**', '**Entro marzzo 2027**'));
      const error = await importCatalogEdition(db.config, dir, { ...fields, code: '2028-2030' }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CatalogParseError);
      expect((error as Error).message).toBe(
        'capitolo-3_servizi/accessibilita.rst:13: mese sconosciuto "marzzo" nella data "Entro marzzo 2027 -"',
      );
      expect(await owner.query(`SELECT 1 FROM plan_edition WHERE code = '2028-2030'`)).toEqual([]);
    });

    it('refuses an edition that supersedes one the catalogue does not have', async () => {
      await expect(
        importCatalogEdition(db.config, FIXTURE, { ...fields, code: '2031-2033', supersedes: '2029-2031' }),
      ).rejects.toThrow(/sostituisce l'edizione 2029-2031, che non è nel catalogo/);
    });
  });
});
