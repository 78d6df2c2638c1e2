import { loadObjectivesConfig } from './objectives.config';

describe('objectives configuration', () => {
  it('creates 1000 assignments per transaction by default', () => {
    expect(loadObjectivesConfig({})).toEqual({ fanOutBatchSize: 1000 });
    expect(loadObjectivesConfig({ FAN_OUT_BATCH_SIZE: '25' })).toEqual({ fanOutBatchSize: 25 });
  });

  it.each([
    ['9', /FAN_OUT_BATCH_SIZE deve essere compreso tra 10 e 50000/],
    ['mille', /FAN_OUT_BATCH_SIZE deve essere un numero intero/],
  ])('refuses FAN_OUT_BATCH_SIZE=%s naming the variable', (value, message) => {
    expect(() => loadObjectivesConfig({ FAN_OUT_BATCH_SIZE: value })).toThrow(message);
  });
});
