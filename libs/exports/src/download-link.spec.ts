import { checkDownload, downloadLinkSettings, signDownload } from './download-link';

describe('download links', () => {
  const settings = downloadLinkSettings({ downloadLinkSecret: 'x'.repeat(32), downloadLinkTtlSeconds: 60 });
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
});
