import type { CatalogEditionsQuery } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/dates';
import { EDITION_INFO_LABEL as L, EDITION_STATUS_LABEL } from '../../../lib/i18n';

type Edition = CatalogEditionsQuery['planEditions'][number];

/** What the registry says of the edition shown: period, status, what replaces it, where its text comes from. */
export function EditionInfo({ edition }: { edition: Edition }) {
  return (
    <p className="small text-muted mb-3" aria-live="polite">
      {L.period(edition.periodFrom, edition.periodTo, EDITION_STATUS_LABEL[edition.status])}
      {edition.supersededBy ? L.supersededBy(edition.supersededBy) : ''}
      {edition.supersedes ? L.supersedes(edition.supersedes) : ''}
      {L.imported(formatDateTime(edition.importedAt), edition.source.description)}
      {edition.source.revision
        ? L.revision(
            /^[0-9a-f]{40}$/.test(edition.source.revision)
              ? edition.source.revision.slice(0, 7)
              : edition.source.revision,
          )
        : ''}
      {edition.source.url ? (
        <>
          {L.separator}
          <a href={edition.source.url} rel="noreferrer" target="_blank">
            {L.sourceText}
            <span className="visually-hidden">{L.newWindow}</span>
          </a>
        </>
      ) : null}
    </p>
  );
}
