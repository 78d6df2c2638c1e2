import { registerEnumType } from '@nestjs/graphql';

/** The enums of the consortium's Piano: states, axes, horizons, levels, funding, indicators. */
export enum PianoState {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(PianoState, {
  name: 'PianoState',
  description: 'DRAFT (the office edits it) -> APPROVED (date and act) -> PUBLISHED',
});

export enum InterventoAxis {
  SEMPLIFICAZIONE = 'SEMPLIFICAZIONE',
  PROMOZIONE = 'PROMOZIONE',
  COMPETENZE = 'COMPETENZE',
  GOVERNANCE = 'GOVERNANCE',
  NUOVI_SERVIZI = 'NUOVI_SERVIZI',
  INFRASTRUTTURE = 'INFRASTRUTTURE',
}
registerEnumType(InterventoAxis, {
  name: 'InterventoAxis',
  description:
    'Assi di intervento: Semplificazione, Promozione, Competenze, Governance, Nuovi servizi, Infrastrutture e piattaforme trasversali',
});

export enum InterventoHorizon {
  COMPLETED = 'COMPLETED',
  IN_PROGRESS = 'IN_PROGRESS',
  SHORT_TERM = 'SHORT_TERM',
  PROGRAMMED = 'PROGRAMMED',
  MEDIUM_LONG_TERM = 'MEDIUM_LONG_TERM',
  COMPLETED_BEFORE = 'COMPLETED_BEFORE',
  REMOVED = 'REMOVED',
}
registerEnumType(InterventoHorizon, {
  name: 'InterventoHorizon',
  description: 'Horizon class; REMOVED (stralciato) requires a reason',
});

export enum ImplementationState {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(ImplementationState, { name: 'ImplementationState' });

export enum Level {
  ALTO = 'ALTO',
  MEDIO = 'MEDIO',
  BASSO = 'BASSO',
}
registerEnumType(Level, { name: 'Level', description: 'alto / medio / basso' });

export enum FundingSource {
  OWN_BUDGET = 'OWN_BUDGET',
  REGION = 'REGION',
  PNRR = 'PNRR',
  STATE = 'STATE',
  EUROPEAN_FUNDS = 'EUROPEAN_FUNDS',
  OTHER = 'OTHER',
}
registerEnumType(FundingSource, { name: 'FundingSource' });

export enum IndicatorKind {
  NUMBER = 'NUMBER',
  YES_NO = 'YES_NO',
  PERCENTAGE = 'PERCENTAGE',
}
registerEnumType(IndicatorKind, { name: 'IndicatorKind' });

export enum IndicatorDirection {
  INCREASE = 'INCREASE',
  DECREASE = 'DECREASE',
  MAINTAIN = 'MAINTAIN',
}
registerEnumType(IndicatorDirection, { name: 'IndicatorDirection' });

export enum IndicatorNature {
  REALISATION = 'REALISATION',
  IMPACT = 'IMPACT',
}
registerEnumType(IndicatorNature, { name: 'IndicatorNature' });

export enum IndicatorAggregation {
  SUM = 'SUM',
  MEAN = 'MEAN',
  SHARE_YES = 'SHARE_YES',
}
registerEnumType(IndicatorAggregation, {
  name: 'IndicatorAggregation',
  description: 'How the values of the comuni make the consortium\'s: sum, mean, share of "sì" (percent)',
});

export enum IndicatorFrequency {
  QUARTERLY = 'QUARTERLY',
  SEMIANNUAL = 'SEMIANNUAL',
  ANNUAL = 'ANNUAL',
}
registerEnumType(IndicatorFrequency, {
  name: 'IndicatorFrequency',
  description: 'Periods: QUARTERLY 2026-Q1..Q4, SEMIANNUAL 2026-S1/S2, ANNUAL 2026-A',
});

export enum IndicatorMeasuredBy {
  OFFICE = 'OFFICE',
  COMUNE = 'COMUNE',
}
registerEnumType(IndicatorMeasuredBy, { name: 'IndicatorMeasuredBy' });
