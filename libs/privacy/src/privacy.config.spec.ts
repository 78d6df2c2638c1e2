import { loadPrivacyConfig } from './privacy.config';

describe('privacy configuration', () => {
  it('reads the retention periods, in days', () => {
    expect(loadPrivacyConfig({}).retention).toEqual({ mailDays: 365, outboxDays: 30, exportDays: 400 });
    expect(loadPrivacyConfig({ RETENTION_MAIL_DAYS: '90' }).retention.mailDays).toBe(90);
  });

  it.each([
    ['RETENTION_MAIL_DAYS', '0'],
    ['RETENTION_OUTBOX_DAYS', '0'],
    ['RETENTION_EXPORT_DAYS', '3651'],
    ['RETENTION_EXPORT_DAYS', 'un anno'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => loadPrivacyConfig({ [name]: value })).toThrow(
      new RegExp(`Configurazione non valida: ${name} `),
    );
  });
});
