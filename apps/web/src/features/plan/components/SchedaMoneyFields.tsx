import type { Dispatch, SetStateAction } from 'react';
import type { FundingSource } from '../../../gql/graphql';
import { FUNDING_LABEL } from './labels';

export interface CostRow {
  year: string;
  initial: string;
  running: string;
}
export interface FundingRow {
  source: FundingSource;
  amount: string;
  pnrrMeasure: string;
  cup: string;
}

/** The scheda's costs per year: initial investment and running cost, one row a year. */
export function CostsFieldset({
  costs,
  setCosts,
}: {
  costs: CostRow[];
  setCosts: Dispatch<SetStateAction<CostRow[]>>;
}) {
  return (
    <fieldset className="mt-3">
      <legend className="h6">Costi per anno (euro)</legend>
      {costs.map((c, i) => (
        <div key={i} className="row g-2 mb-2 align-items-end">
          {(
            [
              ['year', 'Anno'],
              ['initial', 'Investimento iniziale'],
              ['running', 'Costo di esercizio'],
            ] as const
          ).map(([k, label]) => (
            <div key={k} className="col-12 col-sm-4 col-md-3">
              <label htmlFor={`cost-${i}-${k}`} className="form-label">
                {label} ({i + 1})
              </label>
              <input
                id={`cost-${i}-${k}`}
                className="form-control"
                inputMode="decimal"
                required={k === 'year'}
                value={c[k]}
                onChange={(e) => setCosts(costs.map((x, j) => (j === i ? { ...x, [k]: e.target.value } : x)))}
              />
            </div>
          ))}
          <div className="col-12 col-md-3">
            <button
              type="button"
              className="btn btn-outline-danger btn-sm"
              onClick={() => setCosts(costs.filter((_, j) => j !== i))}
            >
              Togli l’anno {c.year}
            </button>
          </div>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-outline-primary btn-sm"
        onClick={() => setCosts([...costs, { year: '', initial: '', running: '' }])}
      >
        Aggiungi un anno
      </button>
    </fieldset>
  );
}

/** The scheda's funding sources: own budget, region, PNRR with its measure and CUP, ... */
export function FundingFieldset({
  funding,
  setFunding,
}: {
  funding: FundingRow[];
  setFunding: Dispatch<SetStateAction<FundingRow[]>>;
}) {
  return (
    <fieldset className="mt-3">
      <legend className="h6">Fonti di finanziamento</legend>
      {funding.map((f, i) => (
        <div key={i} className="row g-2 mb-2 align-items-end">
          <div className="col-12 col-sm-6 col-md-3">
            <label htmlFor={`fund-${i}-source`} className="form-label">
              Fonte ({i + 1})
            </label>
            <select
              id={`fund-${i}-source`}
              className="form-select"
              value={f.source}
              onChange={(e) =>
                setFunding(
                  funding.map((x, j) => (j === i ? { ...x, source: e.target.value as FundingSource } : x)),
                )
              }
            >
              {Object.entries(FUNDING_LABEL).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </div>
          {(
            [
              ['amount', 'Importo (euro)'],
              ['pnrrMeasure', 'Misura PNRR'],
              ['cup', 'CUP'],
            ] as const
          ).map(([k, label]) => (
            <div key={k} className="col-12 col-sm-6 col-md-2">
              <label htmlFor={`fund-${i}-${k}`} className="form-label">
                {label} ({i + 1})
              </label>
              <input
                id={`fund-${i}-${k}`}
                className="form-control"
                value={f[k]}
                onChange={(e) =>
                  setFunding(funding.map((x, j) => (j === i ? { ...x, [k]: e.target.value } : x)))
                }
              />
            </div>
          ))}
          <div className="col-12 col-md-3">
            <button
              type="button"
              className="btn btn-outline-danger btn-sm"
              onClick={() => setFunding(funding.filter((_, j) => j !== i))}
            >
              Togli la fonte {i + 1}
            </button>
          </div>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-outline-primary btn-sm"
        onClick={() =>
          setFunding([...funding, { source: 'OWN_BUDGET', amount: '', pnrrMeasure: '', cup: '' }])
        }
      >
        Aggiungi una fonte
      </button>
    </fieldset>
  );
}
