import { SelectField, TextField } from '../../../components/Fields';
import type { InterventoAxis, InterventoHorizon } from '../../../gql/graphql';
import { SCHEDA_FIELD_LABEL as L } from '../../../lib/i18n';
import { AXIS_LABEL, HORIZON_LABEL } from '../../../lib/i18n';

/**
 * The fields «Nuova scheda intervento» (PianoForms) and «Modifica la scheda» (SchedaForm) share:
 * code and title, asse and class, the period and the Piano Triennale lines. `prefix` keeps the
 * two forms' ids apart when both are on a page.
 */
export function CodeTitleFields(props: {
  prefix: string;
  code: string;
  title: string;
  onCode: (v: string) => void;
  onTitle: (v: string) => void;
  wide?: boolean;
}) {
  const { prefix, wide } = props;
  return (
    <>
      <TextField
        id={`${prefix}-code`}
        label={L.code}
        className={wide ? 'col-12 col-md-6' : 'col-12 col-md-3'}
        required
        value={props.code}
        onChange={(e) => props.onCode(e.target.value)}
      />
      <TextField
        id={`${prefix}-title`}
        label={L.title}
        className={wide ? 'col-12 col-md-6' : 'col-12 col-md-9'}
        required
        value={props.title}
        onChange={(e) => props.onTitle(e.target.value)}
      />
    </>
  );
}

export function AxisHorizonFields(props: {
  prefix: string;
  axis: InterventoAxis;
  horizon: InterventoHorizon;
  onAxis: (v: InterventoAxis) => void;
  onHorizon: (v: InterventoHorizon) => void;
  /** A new scheda cannot start as «stralciata». */
  withRemoved: boolean;
}) {
  const horizons = Object.entries(HORIZON_LABEL).filter(([k]) => props.withRemoved || k !== 'REMOVED');
  return (
    <>
      <SelectField
        id={`${props.prefix}-axis`}
        label={L.axis}
        className="col-12 col-md-6"
        value={props.axis}
        onChange={(v) => props.onAxis(v as InterventoAxis)}
        options={Object.entries(AXIS_LABEL)}
      />
      <SelectField
        id={`${props.prefix}-horizon`}
        label={L.horizon}
        className="col-12 col-md-6"
        value={props.horizon}
        onChange={(v) => props.onHorizon(v as InterventoHorizon)}
        options={horizons}
      />
    </>
  );
}

export function PeriodLinesFields(props: {
  prefix: string;
  edition: string;
  start: string;
  end: string;
  lines: string;
  onStart: (v: string) => void;
  onEnd: (v: string) => void;
  onLines: (v: string) => void;
  /** The lines on a row of their own (the edit form) or beside the period (the new scheda). */
  linesWide?: boolean;
}) {
  const { prefix } = props;
  return (
    <>
      <TextField
        id={`${prefix}-start`}
        label={L.start}
        className="col-6 col-md-3"
        value={props.start}
        onChange={(e) => props.onStart(e.target.value)}
      />
      <TextField
        id={`${prefix}-end`}
        label={L.end}
        className="col-6 col-md-3"
        value={props.end}
        onChange={(e) => props.onEnd(e.target.value)}
      />
      <TextField
        id={`${prefix}-lines`}
        label={L.lines(props.edition)}
        className={props.linesWide ? 'col-12' : 'col-12 col-md-6'}
        value={props.lines}
        onChange={(e) => props.onLines(e.target.value)}
      />
    </>
  );
}
