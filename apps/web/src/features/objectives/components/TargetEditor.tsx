import { useEffect, useId, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import type { EditorReferenceQuery, TargetInput } from '../../../gql/graphql';
import { formatDate } from '../../../lib/dates';
import { toAppError } from '../../../lib/errors';
import { PLAN_LABEL, TARGET_EDITOR_LABEL as L } from '../../../lib/i18n';
import { formatInhabitants } from '../../../lib/plan';
import { TargetPreviewQuery } from '../api/objectives';
import { TargetExclusions } from './TargetExclusions';

export type MemberComune = NonNullable<EditorReferenceQuery['consortium']>['comuni']['edges'][number]['node'];

export interface TargetDraft {
  all: boolean;
  comuneIds: string[];
  minPopulation: string;
  maxPopulation: string;
  provinceCodes: string[];
}

export function toTargetInput(t: TargetDraft): TargetInput {
  if (t.all) return { all: true };
  const input: TargetInput = {};
  if (t.comuneIds.length) input.comuneIds = t.comuneIds;
  if (t.provinceCodes.length) input.provinceCodes = t.provinceCodes;
  if (t.minPopulation.trim()) input.minPopulation = Number(t.minPopulation);
  if (t.maxPopulation.trim()) input.maxPopulation = Number(t.maxPopulation);
  return input;
}

/** Who receives the objective, and the live list of the comuni it reaches now. */
export function TargetEditor({
  consortiumId,
  comuni,
  value,
  onChange,
  lineCodes,
  edition,
}: {
  consortiumId: string;
  comuni: MemberComune[];
  value: TargetDraft;
  onChange: (t: TargetDraft) => void;
  lineCodes: string[];
  edition: string;
}) {
  const ids = useId();
  const [filter, setFilter] = useState('');
  const [debounced, setDebounced] = useState({ value, lineCodes });
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced({ value, lineCodes }), 300);
    return () => window.clearTimeout(timer);
  }, [value, lineCodes]);
  const target = toTargetInput(debounced.value);
  const empty = !debounced.value.all && Object.keys(target).length === 0;
  const [{ data, error, fetching }] = useQuery({
    query: TargetPreviewQuery,
    variables: {
      consortiumId,
      target,
      lineCodes: debounced.lineCodes.length ? debounced.lineCodes : null,
      edition: debounced.lineCodes.length ? edition : null,
    },
    pause: empty,
    requestPolicy: 'network-only',
  });
  const provinces = useMemo(
    () =>
      [...new Map(comuni.map((c) => [c.provinceCode, c.provinceName]))].sort((a, b) =>
        a[1].localeCompare(b[1]),
      ),
    [comuni],
  );
  const shownComuni = comuni.filter(
    (c) =>
      !filter.trim() ||
      c.name.toLowerCase().includes(filter.trim().toLowerCase()) ||
      c.istatCode.includes(filter.trim()),
  );
  const set = (patch: Partial<TargetDraft>) => onChange({ ...value, ...patch });
  const toggle = (list: string[], item: string) =>
    list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
  const previewError = toAppError(error);

  return (
    <fieldset className="mb-4">
      <legend className="h5">{L.title}</legend>
      <div className="form-check">
        <input
          className="form-check-input"
          type="radio"
          id={`${ids}-all`}
          name={`${ids}-mode`}
          checked={value.all}
          onChange={() => set({ all: true })}
        />
        <label className="form-check-label" htmlFor={`${ids}-all`}>
          {L.all}
        </label>
      </div>
      <div className="form-check mb-3">
        <input
          className="form-check-input"
          type="radio"
          id={`${ids}-some`}
          name={`${ids}-mode`}
          checked={!value.all}
          onChange={() => set({ all: false })}
        />
        <label className="form-check-label" htmlFor={`${ids}-some`}>
          {L.some}
        </label>
      </div>
      {!value.all ? (
        <div className="rtd-panel mb-3">
          <div className="row g-3 mb-3">
            <div className="col-6 col-md-3">
              <label htmlFor={`${ids}-min`} className="fw-semibold small d-block">
                {L.minPopulation}
              </label>
              <input
                id={`${ids}-min`}
                className="form-control"
                type="number"
                min={0}
                inputMode="numeric"
                value={value.minPopulation}
                onChange={(e) => set({ minPopulation: e.target.value })}
              />
            </div>
            <div className="col-6 col-md-3">
              <label htmlFor={`${ids}-max`} className="fw-semibold small d-block">
                {L.maxPopulation}
              </label>
              <input
                id={`${ids}-max`}
                className="form-control"
                type="number"
                min={0}
                inputMode="numeric"
                value={value.maxPopulation}
                onChange={(e) => set({ maxPopulation: e.target.value })}
              />
            </div>
          </div>
          <fieldset className="mb-3">
            <legend className="h6">{L.provinces}</legend>
            {provinces.map(([code, name]) => (
              <div className="form-check form-check-inline" key={code}>
                <input
                  className="form-check-input"
                  type="checkbox"
                  id={`${ids}-p-${code}`}
                  checked={value.provinceCodes.includes(code)}
                  onChange={() => set({ provinceCodes: toggle(value.provinceCodes, code) })}
                />
                <label className="form-check-label" htmlFor={`${ids}-p-${code}`}>
                  {name}
                </label>
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend className="h6">{L.chosen(value.comuneIds.length)}</legend>
            <label htmlFor={`${ids}-filter`} className="fw-semibold small d-block">
              {L.find}
            </label>
            <input
              id={`${ids}-filter`}
              type="search"
              className="form-control mb-2"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
            <div className="rtd-checklist">
              {shownComuni.map((c) => (
                <div className="form-check" key={c.id}>
                  <input
                    className="form-check-input"
                    type="checkbox"
                    id={`${ids}-c-${c.id}`}
                    checked={value.comuneIds.includes(c.id)}
                    onChange={() => set({ comuneIds: toggle(value.comuneIds, c.id) })}
                  />
                  <label className="form-check-label" htmlFor={`${ids}-c-${c.id}`}>
                    {c.name}{' '}
                    <span className="text-muted small">
                      {L.population(
                        PLAN_LABEL.population(formatInhabitants(c.population), formatDate(c.populationDate)),
                      )}
                    </span>
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
      ) : null}
      <div className="rtd-preview" aria-live="polite" aria-busy={fetching}>
        {empty ? (
          <p>{L.empty}</p>
        ) : previewError ? (
          <p className="text-danger">{previewError.message}</p>
        ) : data ? (
          <>
            <p className="fw-semibold mb-1">{L.reaches(data.targetPreview.count)}</p>
            <p className="small">{data.targetPreview.comuni.map((c) => c.name).join(', ') || L.nobody}</p>
          </>
        ) : (
          <p>{L.computing}</p>
        )}
      </div>
      {/* Outside the live region: the whole list is not read out at each change. */}
      {!empty && !previewError && data ? <TargetExclusions preview={data.targetPreview} /> : null}
    </fieldset>
  );
}
