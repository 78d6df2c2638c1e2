import path from 'node:path';

/** Tests run compiled from dist-test/; committed files (schema.gql, fixtures) live in the checkout. */
export const PROJECT_ROOT = path.resolve(__dirname, '../../..');
