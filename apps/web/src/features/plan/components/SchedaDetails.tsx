import type { PianoSchedaQuery } from '../../../gql/graphql';
import {
  AXIS_LABEL,
  FUNDING_LABEL,
  HORIZON_LABEL,
  IMPLEMENTATION_LABEL,
  LEVEL_LABEL,
  periodLabel,
} from './labels';

type Scheda = PianoSchedaQuery['pianoIntervento'];

const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

/** Every field of a scheda intervento, readable by whoever reads the Piano (seed 001's layout). */
export function SchedaDetails({ scheda }: { scheda: Scheda }) {
  const rows: [string, React.ReactNode][] = [
    ['Responsabile', scheda.owner],
    ['Beneficiari', scheda.beneficiaries],
    [
      'Comuni interessati',
      scheda.comuni.length ? scheda.comuni.map((c) => c.name).join(', ') : 'Tutto il consorzio',
    ],
    ['Problema da risolvere', scheda.problem],
    ['Descrizione', scheda.description],
    ['Risultati attesi', scheda.expectedResults],
    ['Impatto', scheda.impact],
    ['Vincoli', scheda.constraints],
    ['Soggetti esterni coinvolti', scheda.externalParties],
    ['Competenze necessarie', scheda.skills],
    ['Impegno del personale', scheda.effort ? LEVEL_LABEL[scheda.effort] : null],
    ['Benefici diretti', scheda.benefitDirect ? LEVEL_LABEL[scheda.benefitDirect] : null],
    ['Benefici indiretti', scheda.benefitIndirect ? LEVEL_LABEL[scheda.benefitIndirect] : null],
    ['Asse di intervento', AXIS_LABEL[scheda.axis]],
    ['Classe', `${HORIZON_LABEL[scheda.horizon]}${scheda.removedReason ? `: ${scheda.removedReason}` : ''}`],
    ['Stato di attuazione', IMPLEMENTATION_LABEL[scheda.implementation]],
    [
      'Periodo',
      scheda.startPeriod && scheda.endPeriod
        ? `${periodLabel(scheda.startPeriod)} – ${periodLabel(scheda.endPeriod)}`
        : null,
    ],
    [
      'Linee del Piano Triennale',
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
      'Costi',
      scheda.costs.length ? (
        <ul className="mb-0 ps-3">
          {scheda.costs.map((c) => (
            <li key={c.year}>
              {c.year}: investimento {euro.format(c.initial)}, esercizio {euro.format(c.running)}
            </li>
          ))}
          <li>
            <strong>Totale {euro.format(scheda.totalCost)}</strong>
          </li>
        </ul>
      ) : (
        euro.format(scheda.totalCost)
      ),
    ],
    [
      'Finanziamento',
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
        Contenuto della scheda
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
