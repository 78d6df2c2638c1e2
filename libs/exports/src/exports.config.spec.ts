import { registeredConfigSlices } from '@rtd/kernel';
import { EXPORTS_CONFIG, exportsConfig, loadExportsConfig } from './exports.config';

describe('exports configuration', () => {
  it('has defaults: links live 5 minutes, 3 files waiting per person and 20 per consortium', () => {
    expect(loadExportsConfig({})).toEqual({
      downloadLinkTtlSeconds: 300,
      exportQueue: { perPerson: 3, perConsortium: 20 },
    });
  });

  it('reads its variables', () => {
    const config = loadExportsConfig({
      DOWNLOAD_LINK_TTL_SECONDS: '60',
      EXPORT_QUEUE_PER_PERSON: '5',
      EXPORT_QUEUE_PER_CONSORTIUM: '50',
    });
    expect(config).toEqual({ downloadLinkTtlSeconds: 60, exportQueue: { perPerson: 5, perConsortium: 50 } });
  });

  it.each([
    ['DOWNLOAD_LINK_TTL_SECONDS', '86400', /DOWNLOAD_LINK_TTL_SECONDS deve essere compreso tra 30 e 900/],
    ['DOWNLOAD_LINK_TTL_SECONDS', 'cinque', /DOWNLOAD_LINK_TTL_SECONDS deve essere un numero intero/],
    ['EXPORT_QUEUE_PER_PERSON', '0', /EXPORT_QUEUE_PER_PERSON deve essere compreso tra 1 e 100/],
    ['EXPORT_QUEUE_PER_CONSORTIUM', '1001', /EXPORT_QUEUE_PER_CONSORTIUM deve essere compreso tra 1 e 1000/],
  ])('refuses %s=%s naming the variable', (name, value, message) => {
    expect(() => loadExportsConfig({ [name]: value })).toThrow(message);
  });

  it('is a slice the process validates at start, under its own token', () => {
    expect(EXPORTS_CONFIG).toBe(exportsConfig.token);
    expect(registeredConfigSlices().map((slice) => slice.library)).toContain('exports');
  });
});
