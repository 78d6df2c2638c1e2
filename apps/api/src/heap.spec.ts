import { readFileSync } from 'node:fs';
import path from 'node:path';
import { API_NODE_FLAGS } from './heap';

// dist-test/apps/api/src: the repository is four levels up.
const ROOT = path.resolve(__dirname, '../../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** The ways the API is started outside a test pass it node's heap flags (apps/api/src/heap.ts). */
describe('API_NODE_FLAGS', () => {
  it('reach node in `npm run start:api` and in the image', () => {
    const startApi = JSON.parse(read('package.json')).scripts['start:api'] as string;
    const dockerCmd = /^CMD \[(.*)\]$/m.exec(read('deploy/Dockerfile'))?.[1] ?? '';
    for (const flag of API_NODE_FLAGS) {
      expect(startApi).toContain(` ${flag} dist/apps/api/src/main.js`);
      expect(dockerCmd).toContain(`"${flag}", "dist/apps/api/src/main.js"`);
    }
  });

  it('reach node in the demo, the bench and the drill', () => {
    for (const file of [
      'apps/cli/src/commands/demo.command.ts',
      'test/bench/src/main.ts',
      'test/bench/src/drill/drill-main.ts',
    ]) {
      expect({ file, passes: read(file).includes('API_NODE_FLAGS') }).toEqual({ file, passes: true });
    }
  });
});
