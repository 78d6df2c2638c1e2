import { checkDownload, downloadLinkSettings, signDownload } from './download-link';

describe('download links', () => {
  const settings = downloadLinkSettings({
    DOWNLOAD_LINK_SECRET: 'x'.repeat(32),
    DOWNLOAD_LINK_TTL_SECONDS: '60',
  });
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

  it('requires a secret in production and a sane lifetime', () => {
    expect(() => downloadLinkSettings({ NODE_ENV: 'production' })).toThrow(/DOWNLOAD_LINK_SECRET/);
    expect(() => downloadLinkSettings({ DOWNLOAD_LINK_SECRET: 'short' })).toThrow(/almeno 32/);
    expect(() => downloadLinkSettings({ DOWNLOAD_LINK_TTL_SECONDS: '86400' })).toThrow(/tra 30 e 900/);
    expect(downloadLinkSettings({}).ttlSeconds).toBe(300);
  });
});
