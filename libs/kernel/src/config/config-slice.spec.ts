import { defineConfigSlice, registeredConfigSlices, validateConfiguration } from './config-slice';
import { ConfigError, readInt, requireInProduction } from './env';

describe('configuration slices', () => {
  const slice = defineConfigSlice('kernel-spec', (env = process.env) => ({
    size: readInt(env, 'KERNEL_SPEC_SIZE', 7, 1, 10),
  }));

  it('gives each slice its own token and a Nest provider that reads process.env', () => {
    expect(typeof slice.token).toBe('symbol');
    expect(slice.token.description).toBe('CONFIG:kernel-spec');
    expect(slice.provider.provide).toBe(slice.token);
    expect(slice.load({})).toEqual({ size: 7 });
    expect(registeredConfigSlices()).toContain(slice);
  });

  it('validates the shared settings and every registered slice, naming the variable', () => {
    expect(() => validateConfiguration({})).not.toThrow();
    expect(() => validateConfiguration({ KERNEL_SPEC_SIZE: '11' })).toThrow(ConfigError);
    expect(() => validateConfiguration({ KERNEL_SPEC_SIZE: '11' })).toThrow(
      'Configurazione non valida: KERNEL_SPEC_SIZE deve essere compreso tra 1 e 10, non 11',
    );
    // The kernel's own settings first.
    expect(() => validateConfiguration({ PORT: 'x', KERNEL_SPEC_SIZE: '11' })).toThrow(/PORT/);
  });

  it('requires a production setting only with NODE_ENV=production', () => {
    expect(() => requireInProduction({}, ['SOMETHING'])).not.toThrow();
    expect(() => requireInProduction({ NODE_ENV: 'production', SOMETHING: ' ' }, ['SOMETHING'])).toThrow(
      'Configurazione non valida: SOMETHING deve essere impostata esplicitamente con NODE_ENV=production',
    );
    expect(() =>
      requireInProduction({ NODE_ENV: 'production', SOMETHING: 'x' }, ['SOMETHING']),
    ).not.toThrow();
  });
});
