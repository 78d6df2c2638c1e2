import { RTD_A } from './support/identities';
import { errorCodes, startTestApi, TestApi } from './support/test-app';

describe('Catalogue (GraphQL read side)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('lists the editions of the registry with their line counts, period, source and status', async () => {
    const res = await api.as(RTD_A).graphql(`{ planEditions { code title lineCount periodFrom periodTo status
      supersedes supersededBy source { format revision licence } } }`);
    expect(res.errors).toBeUndefined();
    const editions = res.data!.planEditions as { code: string; lineCount: number }[];
    expect(editions.map((e) => e.code)).toEqual([
      '2020-2022',
      '2022-2024',
      '2024-2026',
      '2024-2026-agg-2025',
    ]);
    const counts = Object.fromEntries(editions.map((e) => [e.code, e.lineCount]));
    expect(counts['2020-2022']).toBe(109);
    expect(counts['2024-2026']).toBe(122);
    expect(counts['2024-2026-agg-2025']).toBe(121);
    expect(counts['2022-2024']).toBeGreaterThan(72);
    expect(editions[2]).toMatchObject({
      periodFrom: 2024,
      periodTo: 2026,
      status: 'SUPERSEDED',
      supersedes: '2022-2024',
      supersededBy: '2024-2026-agg-2025',
      source: { format: 'rst', revision: 'bbcbfd85836afc24f6ef1551291c4c228f993b57', licence: 'CC0 1.0' },
    });
    expect(editions[3]).toMatchObject({
      title: "Piano Triennale per l'informatica nella PA 2024-2026 – Aggiornamento 2025",
      status: 'CURRENT',
      supersededBy: null,
    });
  });

  it('holds the 2022-2024 coded lines of seed 003, misprints repaired, and its local lines', async () => {
    const res = await api.as(RTD_A).graphql(`{ planLines(edition: "2022-2024", first: 500) {
      totalCount edges { node { code chapter local } } } }`);
    const lines = (res.data!.planLines as any).edges.map((e: any) => e.node);
    const coded = lines.filter((l: any) => !l.local);
    expect(coded.every((l: any) => /^CAP\d\.PA\.LA\d+$/.test(l.code))).toBe(true);
    expect(lines.find((l: any) => l.code === 'CAP2.PA.LA19')).toMatchObject({ chapter: 2 });
    expect(lines.find((l: any) => l.code === 'CAP2.PA.LA20')).toMatchObject({ chapter: 2 });
    expect(lines.some((l: any) => l.code.startsWith('CAP.PA'))).toBe(false);
    const local = lines.filter((l: any) => l.local);
    expect(local.length).toBeGreaterThan(0);
    expect(local.every((l: any) => /^LOC\.CAP\d+\.\d{2}$/.test(l.code))).toBe(true);
  });

  it('searches code and text ignoring accents and case', async () => {
    for (const search of ['accessibilita', 'ACCESSIBILITÀ']) {
      const res = await api
        .as(RTD_A)
        .graphql(
          `query($s: String) { planLines(edition: "2022-2024", search: $s) { totalCount edges { node { code } } } }`,
          { s: search },
        );
      const codes = (res.data!.planLines as any).edges.map((e: any) => e.node.code);
      expect(codes).toEqual(expect.arrayContaining(['CAP1.PA.LA16', 'CAP1.PA.LA20']));
    }
    const byCode = await api
      .as(RTD_A)
      .graphql(`{ planLines(edition: "2022-2024", search: "cap1.pa.la19") { edges { node { code } } } }`);
    expect((byCode.data!.planLines as any).edges.map((e: any) => e.node.code)).toEqual(['CAP1.PA.LA19']);
  });

  it('keeps deadlines, applicability and multiple objectives of a line', async () => {
    const res = await api.as(RTD_A).graphql(`{ planLines(edition: "2022-2024", chapter: 1, first: 500) {
      edges { node { code chapterTitle deadlineKind deadline minPopulation objectiveCodes } } } }`);
    const byCode = new Map((res.data!.planLines as any).edges.map((e: any) => [e.node.code, e.node]));
    expect(byCode.get('CAP1.PA.LA19')).toMatchObject({ minPopulation: 15001, deadline: '2023-12-31' });
    expect(byCode.get('CAP1.PA.LA20')).toMatchObject({ deadlineKind: 'BY', deadline: '2023-09-23' });
    const all = await api
      .as(RTD_A)
      .graphql(`{ planLines(edition: "2022-2024", first: 500) { edges { node { code objectiveCodes } } } }`);
    const multi = (all.data!.planLines as any).edges
      .map((e: any) => e.node)
      .filter((l: any) => l.objectiveCodes.length > 1);
    expect(
      multi.some((l: any) => l.objectiveCodes.includes('OB.2.1') && l.objectiveCodes.includes('OB.2.2')),
    ).toBe(true);
  });

  it('pages with cursors through a whole edition without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const res: any = await api.as(RTD_A).graphql(
        `query($after: String) { planLines(edition: "2020-2022", first: 25, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { cursor node { code } } } }`,
        { after },
      );
      const page = res.data.planLines;
      total = page.totalCount;
      seen.push(...page.edges.map((e: any) => e.node.code));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBe(109);
    expect(new Set(seen).size).toBe(109);
  });

  it('filters by chapter and counts only what matches', async () => {
    const res = await api.as(RTD_A).graphql(`{ planLines(edition: "2024-2026", chapter: 7, first: 2) {
      totalCount pageInfo { hasNextPage } edges { node { chapter code } } } }`);
    const page = res.data!.planLines as any;
    expect(page.edges).toHaveLength(2);
    expect(page.edges.every((e: any) => e.node.chapter === 7 && e.node.code.startsWith('CAP7.'))).toBe(true);
    expect(page.totalCount).toBeGreaterThan(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('answers bad arguments with a coded error naming the field', async () => {
    const tooMany = await api
      .as(RTD_A)
      .graphql(`{ planLines(edition: "2022-2024", first: 501) { totalCount } }`);
    expect(errorCodes(tooMany)).toEqual(['TOO_COMPLEX']);
    const badCursor = await api
      .as(RTD_A)
      .graphql(`{ planLines(edition: "2022-2024", after: "nope") { totalCount } }`);
    expect(errorCodes(badCursor)).toEqual(['BAD_USER_INPUT']);
    expect(badCursor.errors![0].message).toContain('after');
    const unknown = await api.as(RTD_A).graphql(`{ planLines(edition: "1999-2001") { totalCount } }`);
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    const wrongType = await api.as(RTD_A).graphql(`{ planLines(edition: 2022) { totalCount } }`);
    expect(errorCodes(wrongType)[0]).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/);
  });
});
