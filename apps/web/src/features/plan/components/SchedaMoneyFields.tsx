import { Button } from 'design-react-kit';
import type { Dispatch, SetStateAction } from 'react';
import { SelectField, TextField } from '../../../components/Fields';
import type { FundingSource } from '../../../gql/graphql';
import { SCHEDA_MONEY_LABEL as L } from '../../../lib/i18n';
import { FUNDING_LABEL } from '../../../lib/i18n';

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
      <legend className="h6">{L.costs}</legend>
      {costs.map((c, i) => (
        <div key={i} className="row g-2 mb-2 align-items-end">
          {(['year', 'initial', 'running'] as const).map((k) => (
            <TextField
              key={k}
              id={`cost-${i}-${k}`}
              label={L.nth(L[k], i + 1)}
              className="col-12 col-sm-4 col-md-3"
              inputMode="decimal"
              required={k === 'year'}
              value={c[k]}
              onChange={(e) => setCosts(costs.map((x, j) => (j === i ? { ...x, [k]: e.target.value } : x)))}
            />
          ))}
          <div className="col-12 col-md-3">
            <Button
              type="button"
              color="danger"
              outline
              size="sm"
              onClick={() => setCosts(costs.filter((_, j) => j !== i))}
            >
              {L.removeYear(c.year)}
            </Button>
          </div>
        </div>
      ))}
      <Button
        type="button"
        color="primary"
        outline
        size="sm"
        onClick={() => setCosts([...costs, { year: '', initial: '', running: '' }])}
      >
        {L.addYear}
      </Button>
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
      <legend className="h6">{L.funding}</legend>
      {funding.map((f, i) => (
        <div key={i} className="row g-2 mb-2 align-items-end">
          <SelectField
            id={`fund-${i}-source`}
            label={L.nth(L.source, i + 1)}
            className="col-12 col-sm-6 col-md-3"
            value={f.source}
            onChange={(v) =>
              setFunding(funding.map((x, j) => (j === i ? { ...x, source: v as FundingSource } : x)))
            }
            options={Object.entries(FUNDING_LABEL)}
          />
          {(['amount', 'pnrrMeasure', 'cup'] as const).map((k) => (
            <TextField
              key={k}
              id={`fund-${i}-${k}`}
              label={L.nth(L[k], i + 1)}
              className="col-12 col-sm-6 col-md-2"
              value={f[k]}
              onChange={(e) =>
                setFunding(funding.map((x, j) => (j === i ? { ...x, [k]: e.target.value } : x)))
              }
            />
          ))}
          <div className="col-12 col-md-3">
            <Button
              type="button"
              color="danger"
              outline
              size="sm"
              onClick={() => setFunding(funding.filter((_, j) => j !== i))}
            >
              {L.removeSource(i + 1)}
            </Button>
          </div>
        </div>
      ))}
      <Button
        type="button"
        color="primary"
        outline
        size="sm"
        onClick={() =>
          setFunding([...funding, { source: 'OWN_BUDGET', amount: '', pnrrMeasure: '', cup: '' }])
        }
      >
        {L.addSource}
      </Button>
    </fieldset>
  );
}
