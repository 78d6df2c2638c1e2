import type { FundingSource, InterventoAxis, InterventoHorizon, PianoState } from '../../../gql/graphql';

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

export const STATE_LABEL: Record<PianoState, string> = {
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
