import { DataSource } from 'typeorm';
import { seedDemoObjectives } from '@rtd/demo';
import { ownerDataSource } from '@rtd/platform';
import { demoIds, ok } from './support/scenario';
import { startTestApi, TestApi } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const PORTAL_LOMBARDIA = 'portale-regione-lombardia';
const RTD_A = 'FRRGLI75C52D142B';
const REFERENT_CREMA = 'MRTNNA70S63D142G';
const BY_CONSORTIUM = `query($scope: ComplianceScope!) { complianceSummary(scope: $scope, groupBy: CONSORTIUM) { key total } }`;

/**
 * DATABASE_REPLICA_URL (issue 14, the scale-out drill): a region's aggregates read the replica,
 * as the caller, and nothing else does. The "replica" here is a second clone of the test
 * template that lags behind on purpose: the demo objectives are seeded in the primary only,
 * until the last test seeds them there too. `npm run drill` runs the same against a real
 * streaming standby.
 */
describe('A read replica (DATABASE_REPLICA_URL)', () => {
  let api: TestApi;
  let replica: TestDatabase;
  let owner: DataSource;
  let consortiumA: string;

  beforeAll(async () => {
    replica = await createTestDatabase();
    api = await startTestApi({ databaseReplicaUrl: replica.config.databaseUrl });
    owner = ownerDataSource(api.config, 'rtd-hub-test-owner');
    await owner.initialize();
    await owner.transaction((db) => seedDemoObjectives(db));
    consortiumA = (await demoIds(api)).consortiumA;
  });
  afterAll(async () => {
    await owner?.destroy();
    await api?.close();
    await replica?.drop();
  });

  it("reads a region's aggregates from the replica", async () => {
    const region = ok(
      await api.as(PORTAL_LOMBARDIA).graphql(BY_CONSORTIUM, { scope: { regionCode: '03' } }),
      'complianceSummary',
    );
    // The replica has not "replayed" the demo objectives yet: no assignment there.
    expect(region).toEqual([]);
  });

  it("reads a consortium's summary and a person's own write from the primary", async () => {
    const office = ok(
      await api.as(RTD_A).graphql(BY_CONSORTIUM, { scope: { consortiumId: consortiumA } }),
      'complianceSummary',
    );
    expect(office[0].total).toBeGreaterThan(0);
    const referent = api.as(REFERENT_CREMA);
    const { edges } = ok(
      await referent.graphql(
        `{ assignments(filter: { status: [NOT_STARTED, IN_PROGRESS] }, first: 1) { edges { node { id version } } } }`,
      ),
      'assignments',
    );
    const { id, version } = edges[0].node;
    const written = ok(
      await referent.graphql(
        `mutation($id: ID!, $v: Int!) { updateAssignment(id: $id, expectedVersion: $v, input: { progress: 40 }) { version } }`,
        { id, v: version },
      ),
      'updateAssignment',
    );
    const read = ok(
      await referent.graphql(`query($id: ID!) { assignment(id: $id) { version progress } }`, { id }),
      'assignment',
    );
    expect(read).toEqual({ version: written.version, progress: 40 });
  });

  // Without the caller's settings, row-level security would show no row at all.
  it("applies the caller's signed settings on the replica: it counts the region's rows", async () => {
    const replicaOwner = ownerDataSource(replica.config, 'rtd-hub-test-replica-owner');
    await replicaOwner.initialize();
    try {
      await replicaOwner.transaction((db) => seedDemoObjectives(db));
      const [{ n }] = await replicaOwner.query(
        `SELECT count(*)::int AS n FROM assignment a JOIN comune c ON c.id = a.comune_id WHERE c.region_code = '03'`,
      );
      expect(n).toBeGreaterThan(0);
      const region = ok(
        await api.as(PORTAL_LOMBARDIA).graphql(BY_CONSORTIUM, { scope: { regionCode: '03' } }),
        'complianceSummary',
      );
      expect(region.reduce((sum: number, bucket: { total: number }) => sum + bucket.total, 0)).toBe(n);
    } finally {
      await replicaOwner.destroy();
    }
  });
});
