import type { PianoSchedaQuery } from '../../../gql/graphql';
import { SCHEDA_DETAILS_LABEL as D, SCHEDA_FIELD_LABEL as F } from '../../../lib/i18n';
import {
  AXIS_LABEL,
  FUNDING_LABEL,
  HORIZON_LABEL,
  IMPLEMENTATION_LABEL,
  LEVEL_LABEL,
  periodLabel,
} from '../../../lib/i18n';

type Scheda = PianoSchedaQuery['pianoIntervento'];

const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

/** Every field of a scheda intervento, readable by whoever reads the Piano (seed 001's layout). */
export function SchedaDetails({ scheda }: { scheda: Scheda }) {
  const rows: [string, React.ReactNode][] = [
    [D.owner, scheda.owner],
    [F.beneficiaries, scheda.beneficiaries],
    [D.comuni, scheda.comuni.length ? scheda.comuni.map((c) => c.name).join(', ') : D.wholeConsortium],
    [F.problem, scheda.problem],
    [F.description, scheda.description],
    [F.expectedResults, scheda.expectedResults],
    [F.impact, scheda.impact],
    [F.constraints, scheda.constraints],
    [F.externalParties, scheda.externalParties],
    [F.skills, scheda.skills],
    [F.effort, scheda.effort ? LEVEL_LABEL[scheda.effort] : null],
    [F.benefitDirect, scheda.benefitDirect ? LEVEL_LABEL[scheda.benefitDirect] : null],
    [F.benefitIndirect, scheda.benefitIndirect ? LEVEL_LABEL[scheda.benefitIndirect] : null],
    [F.axis, AXIS_LABEL[scheda.axis]],
    [F.horizon, `${HORIZON_LABEL[scheda.horizon]}${scheda.removedReason ? `: ${scheda.removedReason}` : ''}`],
    [F.implementation, IMPLEMENTATION_LABEL[scheda.implementation]],
    [
      D.period,
      scheda.startPeriod && scheda.endPeriod
        ? `${periodLabel(scheda.startPeriod)} – ${periodLabel(scheda.endPeriod)}`
        : null,
    ],
    [
      D.lines,
      scheda.lines.length ? (
        <ul className="mb-0 ps-3">
          {scheda.lines.map((l) => (
            <li key={`${l.edition}-${l.code}`}>
              <strong>{l.code}</strong> ({l.edition}){l.text ? `: ${l.text}` : ''}
            </li>
          ))}
        </ul>
      ) : null,
    ],
    [
      D.costs,
      scheda.costs.length ? (
        <ul className="mb-0 ps-3">
          {scheda.costs.map((c) => (
            <li key={c.year}>{D.costOfYear(c.year, euro.format(c.initial), euro.format(c.running))}</li>
          ))}
          <li>
            <strong>{D.total(euro.format(scheda.totalCost))}</strong>
          </li>
        </ul>
      ) : (
        euro.format(scheda.totalCost)
      ),
    ],
    [
      D.funding,
      scheda.funding.length ? (
        <ul className="mb-0 ps-3">
          {scheda.funding.map((f, i) => (
            <li key={i}>
              {FUNDING_LABEL[f.source]}
              {f.pnrrMeasure ? ` ${f.pnrrMeasure}` : ''}
              {f.amount != null ? `: ${euro.format(f.amount)}` : ''}
              {f.cup ? ` (CUP ${f.cup})` : ''}
            </li>
          ))}
        </ul>
      ) : null,
    ],
  ];
  return (
    <section aria-labelledby="contenuto-scheda" className="mb-4">
      <h2 id="contenuto-scheda" className="h4">
        {D.region}
      </h2>
      <dl className="row">
        {rows.map(([k, v]) => (
          <div key={k} className="col-12 row mb-1">
            <dt className="col-12 col-md-3">{k}</dt>
            <dd className="col-12 col-md-9 mb-1" style={{ whiteSpace: 'pre-line' }}>
              {v === null || v === undefined || v === '' ? '—' : v}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
