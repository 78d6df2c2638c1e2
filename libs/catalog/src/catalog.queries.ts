import { EntityManager } from 'typeorm';
import { CatalogRepository, LineRow } from './catalog.repository';

/**
 * The catalogue's answers for other domains (the objectives read the lines they serve): its
 * tables are read only here and through the catalogue's services.
 */
const repository = new CatalogRepository();

/** Whether the edition with this code is in the registry. */
export function editionExists(db: EntityManager, code: string): Promise<boolean> {
  return repository.editionExists(db, code);
}

/** The lines with these ids, any edition. */
export function linesByIds(db: EntityManager, ids: readonly string[]): Promise<LineRow[]> {
  return repository.linesByIds(db, ids);
}

/** The lines of this edition with these codes. */
export function linesByCodes(
  db: EntityManager,
  edition: string,
  codes: readonly string[],
): Promise<LineRow[]> {
  return repository.linesByCodes(db, edition, codes);
}
