/** The Piano's vocabulary (features/plan): asse, classe, funding, levels, indicators, periods. */
import type {
  FundingSource,
  ImplementationState,
  IndicatorDirection,
  IndicatorFrequency,
  IndicatorKind,
  IndicatorMeasuredBy,
  IndicatorNature,
  InterventoAxis,
  InterventoHorizon,
  Level,
  PianoState,
} from '../gql/graphql';

export const AXIS_LABEL: Record<InterventoAxis, string> = {
  SEMPLIFICAZIONE: 'Semplificazione',
  PROMOZIONE: 'Promozione',
  COMPETENZE: 'Competenze',
  GOVERNANCE: 'Governance',
  NUOVI_SERVIZI: 'Nuovi servizi',
  INFRASTRUTTURE: 'Infrastrutture e piattaforme trasversali',
};

export const HORIZON_LABEL: Record<InterventoHorizon, string> = {
  COMPLETED: 'Completato',
  IN_PROGRESS: 'In corso',
  SHORT_TERM: 'Breve termine',
  PROGRAMMED: 'Programmato',
  MEDIUM_LONG_TERM: 'Medio-lungo termine',
  COMPLETED_BEFORE: 'Completato prima del periodo',
  REMOVED: 'Stralciato dal Piano',
};

export const PIANO_STATE_LABEL: Record<PianoState, string> = {
  DRAFT: 'Bozza',
  APPROVED: 'Approvato',
  PUBLISHED: 'Pubblicato',
};

export const FUNDING_LABEL: Record<FundingSource, string> = {
  OWN_BUDGET: 'Bilancio proprio',
  REGION: 'Regione',
  PNRR: 'PNRR',
  STATE: 'Stato',
  EUROPEAN_FUNDS: 'Fondi europei',
  OTHER: 'Altro',
};

export const LEVEL_LABEL: Record<Level, string> = { ALTO: 'Alto', MEDIO: 'Medio', BASSO: 'Basso' };

export const IMPLEMENTATION_LABEL: Record<ImplementationState, string> = {
  NOT_STARTED: 'Non ancora iniziato',
  IN_PROGRESS: 'In corso',
  SUSPENDED: 'Sospeso',
  COMPLETED: 'Completato',
};

export const KIND_LABEL: Record<IndicatorKind, string> = {
  NUMBER: 'Numero',
  PERCENTAGE: 'Percentuale',
  YES_NO: 'Sì/no',
};

export const DIRECTION_LABEL: Record<IndicatorDirection, string> = {
  INCREASE: 'Crescere',
  DECREASE: 'Diminuire',
  MAINTAIN: 'Mantenersi',
};

export const NATURE_LABEL: Record<IndicatorNature, string> = {
  REALISATION: 'Di realizzazione',
  IMPACT: 'Di impatto',
};

export const FREQUENCY_LABEL: Record<IndicatorFrequency, string> = {
  QUARTERLY: 'Trimestrale (es. 2026-Q1)',
  SEMIANNUAL: 'Semestrale (es. 2026-S1)',
  ANNUAL: 'Annuale (es. 2026-A)',
};

export const MEASURED_BY_LABEL: Record<IndicatorMeasuredBy, string> = {
  OFFICE: 'Ufficio associato',
  COMUNE: 'Ciascun Comune',
};

/** "2026-S1" → "I sem. 2026"; "2026-Q2" → "II trim. 2026"; "2026-A" → "2026". */
export function periodLabel(p: string): string {
  const year = p.slice(0, 4);
  const roman = ['I', 'II', 'III', 'IV'];
  if (p[5] === 'S') return `${roman[Number(p.slice(6)) - 1]} sem. ${year}`;
  if (p[5] === 'Q') return `${roman[Number(p.slice(6)) - 1]} trim. ${year}`;
  return year;
}
