import { DataSource } from 'typeorm';
import { applySettings, SessionSettings, withDbSession } from '@rtd/kernel';
import { AccessLoader, identitySettings } from './access.loader';
import { TokenVerifier } from './token-verifier';

/**
 * The row-level security settings a request with this token runs under, exactly as the API
 * computes them (token check, memberships, SET LOCAL values). Used by tools that talk to the
 * same database another way, like the PostGraphile side of the benchmark.
 */
export async function sessionSettingsForToken(
  dataSource: DataSource,
  verifier: TokenVerifier,
  loader: AccessLoader,
  token: string,
  requestId = 'external',
): Promise<SessionSettings> {
  const identity = await verifier.verify(token);
  const settings: SessionSettings = { ...identitySettings(identity, requestId) };
  await withDbSession(dataSource, settings, async (session) => {
    const db = await session.manager();
    await loader.load(db, identity, async (more) => {
      Object.assign(settings, more);
      // Applied at once, as DbSession does for a request: the loader's next reads (a regional
      // observer's consortia, say) see only what these settings let them see.
      await applySettings(db, settings);
    });
  });
  return settings;
}
