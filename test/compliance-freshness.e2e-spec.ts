import { DataSource } from 'typeorm';
import { importEdition } from '@rtd/catalog';
import { builtInBundle, reworded, withLines } from './support/catalog';
import { seedDemoObjectives } from '@rtd/demo';
import { ownerDataSource } from '@rtd/platform';
import { RTD_A } from './support/identities';
import { DemoIds, demoIds, ok } from './support/scenario';
import { startTestApi, TestApi } from './support/test-app';

/**
 * Compliance summaries are cached under the consortia's data versions. Each kind of data a summary
 * shows, counts and labels alike, must reach the very next read after it changes: the cache is
 * warmed first, then the data changes, then the summary is read again.
 */
describe('Cached compliance summaries follow every change of what they show', () => {
  let api: TestApi;
  let owner: DataSource;
  let ids: DemoIds;

  beforeAll(async () => {
    api = await startTestApi();
    owner = await ownerDataSource(api.config, 'compliance-freshness-test').initialize();
    await owner.transaction((db) => seedDemoObjectives(db));
    ids = await demoIds(api);
  });
  afterAll(async () => {
    await owner?.destroy();
    await api.close();
  });

  type Bucket = { key: string; label: string; total: number; completed: number; inProgress: number };
  const summary = async (groupBy: string): Promise<Bucket[]> =>
    ok(
      await api.as(RTD_A).graphql(
        `query($s: ComplianceScope!, $g: ComplianceGroupBy!) {
           complianceSummary(scope: $s, groupBy: $g) { key label total completed inProgress } }`,
        { s: { consortiumId: ids.consortiumA }, g: groupBy },
      ),
      'complianceSummary',
    );
  const warmed = async (groupBy: string) => {
    const first = await summary(groupBy);
    expect(await summary(groupBy)).toEqual(first);
    return first;
  };
  const version = async () =>
    (
      await owner.query(`SELECT version FROM compliance_version WHERE consortium_id = $1`, [ids.consortiumA])
    )[0]?.version as string | undefined;

  it('counts a status change', async () => {
    const before = (await warmed('COMUNE')).find((b) => b.key === '019035')!;
    await owner.query(
      `UPDATE assignment SET status = 'IN_PROGRESS', progress = 40
        WHERE id = (SELECT id FROM assignment WHERE comune_id = $1 AND status = 'NOT_STARTED' LIMIT 1)`,
      [ids.crema],
    );
    const after = (await summary('COMUNE')).find((b) => b.key === '019035')!;
    expect(after.inProgress).toBe(before.inProgress + 1);
  });

  it('counts a write in every one of the summaries read at once right after it', async () => {
    // After a write every dashboard of the consortium misses the cache together, and they share
    // one computation: each must still count the write, round after round.
    const inProgress = async () =>
      (
        await owner.query(
          `SELECT count(*)::int AS n FROM assignment WHERE consortium_id = $1 AND status = 'IN_PROGRESS'`,
          [ids.consortiumA],
        )
      )[0].n as number;
    await warmed('COMUNE');
    for (let round = 0; round < 3; round++) {
      const before = await inProgress();
      await owner.query(
        `UPDATE assignment SET status = 'IN_PROGRESS', progress = 10
          WHERE id = (SELECT id FROM assignment WHERE consortium_id = $1 AND status = 'NOT_STARTED' LIMIT 1)`,
        [ids.consortiumA],
      );
      expect(await inProgress()).toBe(before + 1);
      const read = await Promise.all(Array.from({ length: 8 }, () => summary('COMUNE')));
      for (const buckets of read) expect(buckets.reduce((n, b) => n + b.inProgress, 0)).toBe(before + 1);
    }
  });

  it("shows a comune's new name, and its consortium's", async () => {
    expect((await warmed('COMUNE')).find((b) => b.key === '019035')!.label).toBe('Crema');
    await owner.query(`UPDATE comune SET name = 'Crema (ridenominato)' WHERE istat_code = '019035'`);
    expect((await summary('COMUNE')).find((b) => b.key === '019035')!.label).toBe('Crema (ridenominato)');
    await owner.query(`UPDATE comune SET name = 'Crema' WHERE istat_code = '019035'`);

    const [name] = (await warmed('CONSORTIUM')).map((b) => b.label);
    await owner.query(`UPDATE consortium SET name = name || ' (prova)' WHERE id = $1`, [ids.consortiumA]);
    expect((await summary('CONSORTIUM')).map((b) => b.label)).toEqual([`${name} (prova)`]);
    await owner.query(`UPDATE consortium SET name = $2 WHERE id = $1`, [ids.consortiumA, name]);
  });

  it("shows a line's text after the catalogue is re-imported with it, and a chapter's new title", async () => {
    const [used] = await owner.query(
      `SELECT l.code, l.edition_code FROM shared_objective_line sol
         JOIN shared_objective o ON o.id = sol.objective_id JOIN plan_line l ON l.id = sol.plan_line_id
        WHERE o.consortium_id = $1 AND NOT l.is_local ORDER BY l.code LIMIT 1`,
      [ids.consortiumA],
    );
    const source = await builtInBundle(used.edition_code);

    expect((await warmed('LINE')).find((b) => b.key === `${used.edition_code}:${used.code}`)).toBeDefined();
    const at = await version();
    // Importing the same source again changes nothing, so it invalidates nothing.
    await owner.transaction((tx) => importEdition(tx, source));
    expect(await version()).toBe(at);

    const edited = withLines(source, (lines) =>
      lines.map((line) =>
        line.code === used.code ? reworded(line, `Testo rivisto della linea ${line.code}`) : line,
      ),
    );
    await owner.transaction((tx) => importEdition(tx, edited));
    expect(
      (await summary('LINE')).find((b) => b.key === `${used.edition_code}:${used.code}`)!.label,
    ).toContain('Testo rivisto della linea');
    await owner.transaction((tx) => importEdition(tx, source));
    expect(
      (await summary('LINE')).find((b) => b.key === `${used.edition_code}:${used.code}`)!.label,
    ).not.toContain('Testo rivisto');

    const chapters = await warmed('CHAPTER');
    expect(chapters.length).toBeGreaterThan(0);
    await owner.query(
      `UPDATE plan_chapter SET title = 'Titolo di prova' WHERE edition_code = $1
          AND number = (SELECT chapter FROM plan_line WHERE edition_code = $1 AND code = $2)`,
      [used.edition_code, used.code],
    );
    expect((await summary('CHAPTER')).some((b) => b.label.includes('Titolo di prova'))).toBe(true);
  });
});
