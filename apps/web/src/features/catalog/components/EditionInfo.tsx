import type { CatalogEditionsQuery } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/dates';
import { EDITION_STATUS_LABEL } from '../../../lib/i18n';

type Edition = CatalogEditionsQuery['planEditions'][number];

/** What the registry says of the edition shown: period, status, what replaces it, where its text comes from. */
export function EditionInfo({ edition }: { edition: Edition }) {
  return (
    <p className="small text-muted mb-3" aria-live="polite">
      {`Periodo ${edition.periodFrom}-${edition.periodTo} · edizione ${EDITION_STATUS_LABEL[edition.status]}`}
      {edition.supersededBy ? ` (sostituita da ${edition.supersededBy})` : ''}
      {edition.supersedes ? ` · sostituisce ${edition.supersedes}` : ''}
      {` · importata il ${formatDateTime(edition.importedAt)} · Fonte: ${edition.source.description}`}
      {edition.source.revision
        ? ` (versione ${/^[0-9a-f]{40}$/.test(edition.source.revision) ? edition.source.revision.slice(0, 7) : edition.source.revision})`
        : ''}
      {edition.source.url ? (
        <>
          {' · '}
          <a href={edition.source.url} rel="noreferrer" target="_blank">
            testo della fonte<span className="visually-hidden"> (si apre in una nuova finestra)</span>
          </a>
        </>
      ) : null}
    </p>
  );
}
