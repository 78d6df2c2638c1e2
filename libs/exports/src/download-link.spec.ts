import { checkDownload, checkUpload, downloadLinkSettings, signDownload, signUpload } from './download-link';

describe('download links', () => {
  const settings = downloadLinkSettings(
    { downloadLinkSecret: 'x'.repeat(32) },
    { downloadLinkTtlSeconds: 60 },
  );
  const parts = (url: string) => {
    const parsed = new URL(url, 'http://h');
    return [parsed.searchParams.get('expires')!, parsed.searchParams.get('signature')!] as const;
  };

  it('accepts its own link before expiry, for the same subject only', () => {
    const now = Date.UTC(2026, 0, 1);
    const link = signDownload(settings, 'job-1', 'anna', now);
    const [expires, sig] = parts(link.url);
    expect(checkDownload(settings, 'job-1', expires, sig, 'anna', now + 59_000)).toEqual({ ok: true });
    expect(checkDownload(settings, 'job-1', expires, sig, 'anna', now + 60_000)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(checkDownload(settings, 'job-1', expires, sig, 'giulia', now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(checkDownload(settings, 'job-2', expires, sig, 'anna', now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(checkDownload(settings, 'job-1', String(Number(expires) + 600), sig, 'anna', now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('signs an upload for its terms and subject only, until it expires', () => {
    const now = Date.UTC(2026, 0, 1);
    const terms = { assignmentId: 'a-1', fileName: 'scansione.pdf', description: null, replacesId: null };
    const link = signUpload(settings, terms, 'anna', now);
    const url = new URL(link.url, 'http://h');
    expect(url.pathname).toBe('/uploads/evidence/a-1');
    expect(url.searchParams.get('name')).toBe('scansione.pdf');
    const [expires, sig] = parts(link.url);
    expect(checkUpload(settings, terms, expires, sig, 'anna', now + 59_000)).toEqual({ ok: true });
    expect(checkUpload(settings, terms, expires, sig, 'anna', now + 60_000)).toEqual({
      ok: false,
      reason: 'expired',
    });
    for (const [other, subject] of [
      [{ ...terms, fileName: 'altro.pdf' }, 'anna'],
      [{ ...terms, assignmentId: 'a-2' }, 'anna'],
      [{ ...terms, replacesId: 'e-1' }, 'anna'],
      [{ ...terms, description: 'x' }, 'anna'],
      [terms, 'giulia'],
    ] as const) {
      expect(checkUpload(settings, other, expires, sig, subject, now)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    // A download signature is no upload signature, and the other way round.
    const download = parts(signDownload(settings, 'a-1', 'anna', now).url);
    expect(checkUpload(settings, terms, download[0], download[1], 'anna', now).ok).toBe(false);
  });
});
