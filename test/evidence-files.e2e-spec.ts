import { createHash } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { downloadFile } from './support/exports';
import {
  ADMIN,
  DELEGATE_CREMA,
  REFERENT_CREMA,
  REFERENT_PANDINO,
  REFERENT_VAIANO,
  RTD_A,
  STAFF_A,
  tokenFor,
} from './support/identities';
import { cremaAssignment, DemoIds, demoIds, ok } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { applySignedSettings } from './support/test-database';
import { startTestWorker } from './support/test-worker';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const CREATE_UPLOAD = `mutation($a: ID!, $n: String!, $d: String, $r: ID) {
  createEvidenceUpload(assignmentId: $a, fileName: $n, description: $d, replacesEvidenceId: $r) { url expiresAt maxBytes }
}`;
const EVIDENCE = `query($id: ID!) { assignment(id: $id) {
  evidence { id kind description fileName contentType size sha256 downloadUrl addedBy { displayName } }
  removedEvidence { id kind fileName sha256 description removedAt removedBy { displayName } downloadUrl }
  history { from to note actor { displayName } }
} }`;

describe('Evidence files: upload, download, remove and replace (issue 22)', () => {
  let api: TestApi;
  let ids: DemoIds;
  let owner: Client;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
    ids = await demoIds(api);
    owner = new Client({ connectionString: api.db.config.databaseOwnerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await worker?.close();
    await api.close();
  });

  /** POSTs `bytes` to a signed upload URL as `who`. */
  async function post(url: string, who: string, bytes: Buffer) {
    return request(api.app.getHttpServer())
      .post(url)
      .set('authorization', `Bearer ${await tokenFor(who)}`)
      .set('content-type', 'application/octet-stream')
      .send(bytes);
  }

  /** createEvidenceUpload then the POST, as `who`: the HTTP answer (status and body). */
  async function upload(
    who: string,
    assignmentId: string,
    fileName: string,
    bytes: Buffer,
    options: { description?: string; replaces?: string } = {},
  ) {
    const link = ok(
      await api.as(who).graphql(CREATE_UPLOAD, {
        a: assignmentId,
        n: fileName,
        d: options.description ?? null,
        r: options.replaces ?? null,
      }),
      'createEvidenceUpload',
    );
    return post(link.url, who, bytes);
  }

  const evidenceOf = async (who: string, assignmentId: string) =>
    ok(await api.as(who).graphql(EVIDENCE, { id: assignmentId }), 'assignment');

  /** What is stored for an assignment, read as the owner (no row-level security). */
  async function stored(assignmentId: string) {
    const { rows } = await owner.query(
      `SELECT (SELECT count(*)::int FROM evidence WHERE assignment_id = $1) AS evidence,
              (SELECT count(*)::int FROM evidence_file WHERE assignment_id = $1) AS files`,
      [assignmentId],
    );
    return rows[0] as { evidence: number; files: number };
  }

  it('a referent attaches a PDF; the office downloads the same bytes; another comune cannot', async () => {
    const a = await cremaAssignment(api, ids, 'IN_PROGRESS');
    const res = await upload(REFERENT_CREMA, a.id, 'C:\\Documenti\\Report di scansione.pdf', PDF, {
      description: 'Report di scansione',
    });
    expect(res.status).toBe(201);
    expect(res.body.evidence).toMatchObject({
      kind: 'FILE',
      fileName: 'Report di scansione.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      sha256: sha256(PDF),
      description: 'Report di scansione',
    });

    const seen = await evidenceOf(RTD_A, a.id);
    expect(seen.evidence).toEqual([
      expect.objectContaining({
        kind: 'FILE',
        fileName: 'Report di scansione.pdf',
        size: PDF.length,
        sha256: sha256(PDF),
        addedBy: { displayName: 'Anna Moretti' },
      }),
    ]);
    const url: string = seen.evidence[0].downloadUrl;
    expect(url).toMatch(/^\/downloads\/evidence\/[0-9a-f-]{36}\?expires=\d+&signature=/);
    const file = await downloadFile(api, url, RTD_A);
    expect(file.status).toBe(200);
    expect(sha256(file.body as Buffer)).toBe(sha256(PDF));
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="Report_di_scansione.pdf"/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['cache-control']).toBe('no-store');

    // The link is the office's: in another's hands, or without a token, it opens nothing.
    expect((await downloadFile(api, url, REFERENT_CREMA)).status).toBe(403);
    expect((await downloadFile(api, url, null)).status).toBe(401);
    // A referent of another comune (same consortium) and of another consortium see no assignment.
    for (const other of [REFERENT_PANDINO, REFERENT_VAIANO]) {
      const res = await api.as(other).graphql(EVIDENCE, { id: a.id });
      expect(res.data?.assignment ?? null).toBeNull();
      const upload = await api.as(other).graphql(CREATE_UPLOAD, { a: a.id, n: 'x.pdf', d: null, r: null });
      expect(errorCodes(upload)).toEqual(['NOT_FOUND']);
      expect(upload.errors![0].extensions!.field).toBe('assignmentId');
    }
    // The audit log records the upload with its facts.
    const { rows } = await owner.query(
      `SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'assignment.addEvidence'`,
      [a.id],
    );
    expect(rows[0].details).toMatchObject({ kind: 'FILE', sha256: sha256(PDF), sizeBytes: PDF.length });
  });

  it('refuses a 21 MB file, an executable renamed .pdf, an empty file and another tenant, storing nothing', async () => {
    const a = await cremaAssignment(api, ids, 'IN_PROGRESS');
    const cases: [string, Buffer, number, RegExp][] = [
      ['grande.pdf', Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024 - PDF.length, 0x20)]), 413, /20 MB/],
      [
        'fattura.pdf',
        Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(4000, 7)]),
        400,
        /non ammesso.*EXE/,
      ],
      ['vuoto.pdf', Buffer.alloc(0), 400, /vuoto/],
    ];
    for (const [name, bytes, status, message] of cases) {
      const res = await upload(REFERENT_CREMA, a.id, name, bytes);
      expect([name, res.status]).toEqual([name, status]);
      expect(res.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'file' });
      expect(res.body.errors[0].message).toMatch(message);
    }
    // Another tenant: no URL for an assignment it cannot see, and a URL signed for Anna is not its.
    const vaiano = await api
      .as(REFERENT_VAIANO)
      .graphql(CREATE_UPLOAD, { a: a.id, n: 'x.pdf', d: null, r: null });
    expect(errorCodes(vaiano)).toEqual(['NOT_FOUND']);
    expect(vaiano.errors![0].message).toMatch(/Assegnazione non trovata/);
    const annas = ok(
      await api.as(REFERENT_CREMA).graphql(CREATE_UPLOAD, { a: a.id, n: 'x.pdf', d: null, r: null }),
      'createEvidenceUpload',
    );
    const stolen = await post(annas.url, REFERENT_VAIANO, PDF);
    expect(stolen.status).toBe(403);
    expect(stolen.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const tampered = await post(annas.url.replace('name=x.pdf', 'name=y.pdf'), REFERENT_CREMA, PDF);
    expect(tampered.status).toBe(403);
    expect(await stored(a.id)).toEqual({ evidence: 0, files: 0 });
  });

  it('types files by their content, cleans names, and keeps to 20 files an assignment', async () => {
    const a = await cremaAssignment(api, ids, 'IN_PROGRESS', { delegated: true });
    // The delegate reports on what is delegated to him: he uploads too.
    const csv = await upload(
      DELEGATE_CREMA,
      a.id,
      '../elenco\u202E.csv',
      Buffer.from('comune;stato\nCrema;fatto\n'),
    );
    expect(csv.status).toBe(201);
    expect(csv.body.evidence).toMatchObject({ fileName: 'elenco.csv', contentType: 'text/csv' });
    const text = await downloadFile(api, (await evidenceOf(RTD_A, a.id)).evidence[0].downloadUrl, RTD_A);
    expect(text.headers['content-type']).toBe('text/csv; charset=utf-8');
    for (let i = 2; i <= 20; i++) {
      expect((await upload(REFERENT_CREMA, a.id, `nota-${i}.txt`, Buffer.from(`nota ${i}`))).status).toBe(
        201,
      );
    }
    const over = await upload(REFERENT_CREMA, a.id, 'nota-21.txt', Buffer.from('nota 21'));
    expect(over.status).toBe(400);
    expect(over.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/al massimo 20 file/),
      extensions: { code: 'BAD_USER_INPUT', field: 'file' },
    });
    expect(await stored(a.id)).toEqual({ evidence: 20, files: 20 });
  });

  it('removes and replaces evidence while the report is open, recorded for the office', async () => {
    const a = await cremaAssignment(api, ids, 'IN_PROGRESS');
    const anna = api.as(REFERENT_CREMA);
    const link = ok(
      await anna.graphql(
        `mutation($id: ID!) { addEvidence(assignmentId: $id, kind: URL, url: "https://example.org/rotto", description: "Link rotto") { id } }`,
        { id: a.id },
      ),
      'addEvidence',
    );
    const first = await upload(REFERENT_CREMA, a.id, 'scansione.pdf', PDF);
    // The office may not remove the comune's evidence.
    const byOffice = await api.as(STAFF_A).graphql(`mutation($id: ID!) { removeEvidence(id: $id) { id } }`, {
      id: link.id,
    });
    expect(errorCodes(byOffice)).toEqual(['FORBIDDEN']);
    // The link becomes a note; the file is replaced by a newer one.
    const note = ok(
      await anna.graphql(
        `mutation($id: ID!) { replaceEvidence(id: $id, kind: NOTE, description: "Il sito è in manutenzione") { id kind } }`,
        { id: link.id },
      ),
      'replaceEvidence',
    );
    expect(note.kind).toBe('NOTE');
    const newer = Buffer.concat([PDF, Buffer.from('% versione 2\n')]);
    const second = await upload(REFERENT_CREMA, a.id, 'scansione-v2.pdf', newer, {
      replaces: first.body.evidence.id,
    });
    expect(second.status).toBe(201);
    // Then the note goes altogether.
    const removed = ok(
      await anna.graphql(`mutation($id: ID!) { removeEvidence(id: $id) { id removedAt } }`, { id: note.id }),
      'removeEvidence',
    );
    expect(removed.removedAt).toBeTruthy();
    const again = await anna.graphql(`mutation($id: ID!) { removeEvidence(id: $id) { id } }`, {
      id: note.id,
    });
    expect(errorCodes(again)).toEqual(['CONFLICT']);

    const seen = await evidenceOf(RTD_A, a.id);
    expect(seen.evidence.map((e: any) => e.fileName)).toEqual(['scansione-v2.pdf']);
    expect(seen.removedEvidence).toEqual([
      expect.objectContaining({ kind: 'URL', removedBy: { displayName: 'Anna Moretti' }, downloadUrl: null }),
      expect.objectContaining({
        kind: 'FILE',
        fileName: 'scansione.pdf',
        sha256: sha256(PDF),
        removedBy: { displayName: 'Anna Moretti' },
        downloadUrl: null,
      }),
      expect.objectContaining({ kind: 'NOTE', description: 'Il sito è in manutenzione' }),
    ]);
    expect(seen.history.slice(-3).map((e: any) => e.note)).toEqual([
      'Evidenza sostituita: «https://example.org/rotto» con «Il sito è in manutenzione»',
      'Evidenza sostituita: «scansione.pdf» con «scansione-v2.pdf»',
      'Evidenza rimossa: «Il sito è in manutenzione»',
    ]);
    expect(seen.history.at(-1)).toMatchObject({
      from: 'IN_PROGRESS',
      to: 'IN_PROGRESS',
      actor: { displayName: 'Anna Moretti' },
    });
    // A removed file's bytes are gone; its facts stay.
    expect(await stored(a.id)).toEqual({ evidence: 4, files: 1 });
    const { rows } = await owner.query(
      `SELECT action, details->>'evidenceId' AS evidence FROM audit_log
        WHERE entity_id = $1 AND action = 'assignment.removeEvidence' ORDER BY id`,
      [a.id],
    );
    expect(rows.map((r) => r.evidence)).toEqual([link.id, first.body.evidence.id, note.id]);

    // Uploads and removals are Anna's personal data: her export lists them with the file's facts.
    const exported = ok(
      await api
        .as(ADMIN)
        .graphql(`mutation($fc: String!) { exportPersonalData(fiscalCode: $fc) { content } }`, {
          fc: REFERENT_CREMA,
        }),
      'exportPersonalData',
    );
    const records = JSON.parse(exported.content).reports;
    expect(records.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'FILE',
        fileName: 'scansione.pdf',
        sha256: sha256(PDF),
        sizeBytes: PDF.length,
      }),
    );
    expect(records.evidenceRemoved).toContainEqual(
      expect.objectContaining({ assignmentId: a.id, kind: 'FILE', fileName: 'scansione.pdf' }),
    );

    // Submitted, the report is frozen: nothing is removed, nothing uploaded.
    const state = ok(
      await anna.graphql(`query($id: ID!) { assignment(id: $id) { version } }`, { id: a.id }),
      'assignment',
    );
    ok(
      await anna.graphql(
        `mutation($id: ID!, $v: Int!) { submitAssignment(id: $id, expectedVersion: $v) { id } }`,
        {
          id: a.id,
          v: state.version,
        },
      ),
      'submitAssignment',
    );
    const frozen = await anna.graphql(`mutation($id: ID!) { removeEvidence(id: $id) { id } }`, {
      id: second.body.evidence.id,
    });
    expect(errorCodes(frozen)).toEqual(['CONFLICT']);
    const late = await anna.graphql(CREATE_UPLOAD, { a: a.id, n: 'tardi.pdf', d: null, r: null });
    expect(errorCodes(late)).toEqual(['CONFLICT']);
  });

  it("keeps files behind row-level security: the application role sees and writes only its tenant's", async () => {
    const a = await cremaAssignment(api, ids, 'IN_PROGRESS');
    expect((await upload(REFERENT_CREMA, a.id, 'rls.pdf', PDF)).status).toBe(201);
    const app = new Client({ connectionString: api.db.config.databaseUrl });
    await app.connect();
    try {
      const count = async (settings: Record<string, string>) => {
        await app.query('BEGIN');
        try {
          await applySignedSettings(app, api.db.config, settings);
          const { rows } = await app.query(
            `SELECT count(*)::int AS n FROM evidence_file WHERE assignment_id = $1`,
            [a.id],
          );
          return rows[0].n;
        } finally {
          await app.query('ROLLBACK');
        }
      };
      expect(await count({ 'app.full_consortia': `{${ids.consortiumA}}` })).toBe(1);
      expect(await count({ 'app.comuni': `{${ids.crema}}` })).toBe(1);
      expect(
        await count({ 'app.full_consortia': `{${ids.consortiumB}}`, 'app.comuni': `{${ids.vaiano}}` }),
      ).toBe(0);
      expect(await count({ 'app.comuni': `{${ids.pandino}}` })).toBe(0);
      expect(await count({})).toBe(0);
      // Bytes are never rewritten, and deleted only once their evidence is removed.
      await app.query('BEGIN');
      try {
        await applySignedSettings(app, api.db.config, {
          'app.referent_comuni': `{${ids.crema}}`,
          'app.comuni': `{${ids.crema}}`,
          'app.subject': 'hostile',
        });
        const deleted = await app.query(`DELETE FROM evidence_file WHERE assignment_id = $1`, [a.id]);
        expect(deleted.rowCount).toBe(0);
        await expect(app.query(`UPDATE evidence_file SET content = 'x'`)).rejects.toThrow(
          /permission denied/,
        );
      } finally {
        await app.query('ROLLBACK');
      }
    } finally {
      await app.end();
    }
  });
});
