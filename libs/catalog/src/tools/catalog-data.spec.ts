import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FACTS_FILE, serializeFacts } from '../facts/facts-file';
import { builtInEditions, EDITIONS_DIR } from '../import/built-in-editions';
import { readEditionFromPath, SUCCESSIONS_FILE } from '../parsing/edition-bundle';
import type { ParsedEdition } from '../parsing/catalog.types';
import { serializeSuccessions } from '../succession/succession-file';
import type { SuccessionFile } from '../succession/succession.types';
import { derivedBuiltInEditions, successionsOf } from './catalog-tools';

/** The repository's root: the docs live there (tests run from dist-test/libs/catalog/src/tools). */
const ROOT = path.resolve(__dirname, '../../../../..');

describe('the committed catalogue data', () => {
  let editions: Map<string, ParsedEdition>;
  const committed = (code: string, file: string) =>
    readFileSync(path.join(builtInEditions().find((e) => e.code === code)!.dir, file), 'utf8');
  const mapping = (code: string): SuccessionFile => JSON.parse(committed(code, SUCCESSIONS_FILE));

  beforeAll(async () => {
    editions = await derivedBuiltInEditions(EDITIONS_DIR);
  });

  it.each(builtInEditions().map((e) => [e.code]))(
    'facts.tsv of %s is what the rules read from the source (run catalog:facts after a change)',
    (code) => {
      expect(committed(code, FACTS_FILE)).toBe(serializeFacts(editions.get(code)!));
    },
  );

  it.each(
    builtInEditions()
      .filter((e) => e.supersedes)
      .map((e) => [e.code]),
  )(
    'successions.json of %s is what the tool and the reviewed overrides give (run catalog:map after a change)',
    async (code) => {
      expect(committed(code, SUCCESSIONS_FILE)).toBe(
        serializeSuccessions((await successionsOf(EDITIONS_DIR, code, editions))!),
      );
    },
  );

  it('maps every line of 2020-2022 and of 2022-2024 to its successors, or says why it has none', () => {
    for (const [from, to] of [
      ['2020-2022', '2022-2024'],
      ['2022-2024', '2024-2026'],
    ]) {
      const file = mapping(to);
      expect(file.from).toBe(from);
      for (const line of editions.get(from)!.lines) {
        const links = file.links.filter((l) => l.from === line.code);
        expect({ line: line.code, linked: links.length > 0 }).toEqual({ line: line.code, linked: true });
        for (const link of links.filter((l) => l.kind === 'DROPPED')) expect(link.note).toBeTruthy();
      }
    }
  });

  it('has a successor or a reviewed reason for at least 90% of the 2022-2024 lines', () => {
    const lines = editions.get('2022-2024')!.lines;
    const links = mapping('2024-2026').links;
    const accounted = lines.filter((line) =>
      links.some((l) => l.from === line.code && (l.kind !== 'DROPPED' || l.reviewed)),
    );
    expect(accounted.length / lines.length).toBeGreaterThanOrEqual(0.9);
  });

  it('lists every correction of a source text, with its source, in docs/catalogue.md', async () => {
    const doc = readFileSync(path.join(ROOT, 'docs/catalogue.md'), 'utf8');
    for (const edition of builtInEditions()) {
      const bundle = await readEditionFromPath(edition.dir, null);
      for (const correction of bundle.corrections) {
        expect(doc).toContain(correction.code);
        expect(doc).toContain(correction.replace);
      }
      for (const repair of bundle.manifest.codeRepairs) expect(doc).toContain(`${repair.from}`);
    }
  });
});
