import { importJWK, JWK, SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { ComplianceGroupBy, complianceSummarySql } from '@rtd/compliance';

/** The bench's callers, queries and fixtures: who asks what of which consortium. */
const BUCKET_FIELDS =
  'key label total notStarted inProgress submitted completed rejected notApplicable overdue completionRate';
export const API_QUERIES = {
  A: `query($id: ID!) { complianceSummary(scope: { consortiumId: $id }, groupBy: COMUNE) { ${BUCKET_FIELDS} } }`,
  B: `{ complianceSummary(scope: { regionCode: "03" }, groupBy: PROVINCE) { ${BUCKET_FIELDS} } }`,
  C: `query($c: ID!) { assignments(filter: { comuneId: $c }, first: 100) {
        edges { node { id status progress objective { title lines { code } } evidence { url } } } } }`,
};

/** PostGraphile exposes this function as a query field: it runs exactly the API's summary SQL. */
export async function installBenchFunction(owner: DataSource): Promise<void> {
  const select = (group: ComplianceGroupBy, scope: 'consortium' | 'region') =>
    `SELECT key::text, label::text, total, "notStarted", "inProgress", submitted, completed, rejected, "notApplicable", overdue FROM (${complianceSummarySql(group, { scope, objective: false })}) s`;
  const branches = [ComplianceGroupBy.COMUNE, ComplianceGroupBy.PROVINCE]
    .map(
      (
        group,
      ) => `IF p_group = '${group}' AND p_consortium IS NOT NULL THEN RETURN QUERY EXECUTE $q$${select(group, 'consortium')}$q$ USING p_consortium; END IF;
        IF p_group = '${group}' AND p_region IS NOT NULL THEN RETURN QUERY EXECUTE $q$${select(group, 'region')}$q$ USING p_region; END IF;`,
    )
    .join('\n');
  await owner.query(`CREATE SCHEMA IF NOT EXISTS bench`);
  await owner.query(`DROP FUNCTION IF EXISTS bench.compliance_summary(uuid, text, text)`);
  await owner.query(`DROP TYPE IF EXISTS bench.compliance_bucket`);
  await owner.query(`CREATE TYPE bench.compliance_bucket AS (key text, label text, total int, not_started int,
    in_progress int, submitted int, completed int, rejected int, not_applicable int, overdue int)`);
  await owner.query(`CREATE FUNCTION bench.compliance_summary(p_consortium uuid, p_region text, p_group text)
    RETURNS SETOF bench.compliance_bucket LANGUAGE plpgsql STABLE AS $f$ BEGIN ${branches} END $f$`);
  await owner.query(`GRANT USAGE ON SCHEMA bench TO rtd_app`);
  await owner.query(`GRANT EXECUTE ON FUNCTION bench.compliance_summary(uuid, text, text) TO rtd_app`);
}

/** The worklist of case C as one SQL statement: the rows, their objective, lines and evidence. */
export function worklistSql(): string {
  return `SELECT a.id, a.status, a.progress, o.title,
                 (SELECT array_agg(l.code ORDER BY sol.position) FROM shared_objective_line sol JOIN plan_line l ON l.id = sol.plan_line_id WHERE sol.objective_id = o.id) AS lines,
                 (SELECT array_agg(e.url ORDER BY e.added_at) FROM evidence e WHERE e.assignment_id = a.id) AS evidence
            FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
           WHERE a.comune_id = $1 ORDER BY coalesce(a.due_date, o.due_date), a.id LIMIT 100`;
}

export interface Fixtures {
  consortiumId: string;
  rtdFiscalCode: string;
  comuneId: string;
  referentFiscalCode: string;
  /** The municipalities the referent reports for (what the API's scope reads). */
  referentComuni: string[];
  /** An assignment of the referent's municipality, with history. */
  assignmentId: string;
  lombardyComuni: number;
}

export async function pickFixtures(owner: DataSource): Promise<Fixtures> {
  const [row] = await owner.query(`
    SELECT k.id AS "consortiumId", p.fiscal_code AS "rtdFiscalCode"
      FROM consortium k JOIN membership m ON m.consortium_id = k.id AND m.role = 'CONSORTIUM_RTD' AND m.revoked_at IS NULL
      JOIN person p ON p.id = m.person_id
     WHERE (SELECT count(*) FROM consortium_member x WHERE x.consortium_id = k.id) = 50
     ORDER BY k.name LIMIT 1`);
  const [referent] = await owner.query(
    `SELECT m.comune_id AS "comuneId", p.fiscal_code AS "referentFiscalCode"
       FROM membership m JOIN person p ON p.id = m.person_id
      WHERE m.role = 'COMUNE_REFERENT' AND m.consortium_id = $1 ORDER BY p.fiscal_code LIMIT 1`,
    [row.consortiumId],
  );
  const [{ n }] = await owner.query(`SELECT count(*)::int AS n FROM comune WHERE region_code = '03'`);
  const [{ comuni }] = await owner.query(
    `SELECT array_agg(DISTINCT m.comune_id) AS comuni FROM membership m JOIN person p ON p.id = m.person_id
      WHERE p.fiscal_code = $1 AND m.role = 'COMUNE_REFERENT' AND m.revoked_at IS NULL`,
    [referent.referentFiscalCode],
  );
  const [assignment] = await owner.query(
    `SELECT a.id FROM assignment a WHERE a.comune_id = $1
        AND EXISTS (SELECT 1 FROM status_event e WHERE e.assignment_id = a.id) ORDER BY a.id LIMIT 1`,
    [referent.comuneId],
  );
  return { ...row, ...referent, referentComuni: comuni, assignmentId: assignment.id, lombardyComuni: n };
}

export function signer(key: JWK & { kid: string }, issuer: string, audience: string) {
  const sign = async (claims: Record<string, unknown>, subject: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'at+jwt' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(await importJWK(key, 'RS256'));
  return {
    person: (fiscalCode: string) =>
      sign(
        { fiscal_number: `TINIT-${fiscalCode}`, given_name: 'Bench', family_name: fiscalCode },
        fiscalCode,
      ),
    client: (clientId: string) => sign({ client_id: clientId }, clientId),
  };
}

export type Signer = ReturnType<typeof signer>;
