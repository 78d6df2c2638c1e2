import { useId } from 'react';
import { describeApplicability, describePlanDeadline, type PlanLineFacts as Facts } from '../lib/plan';
import { PLAN_LABEL } from '../lib/i18n';

/**
 * A line's facts as the catalogue reads them: every deadline with AgID's qualifier, who it applies
 * to, the conditions no data decides, and any correction of the source text with what it follows.
 * `compact` keeps the first deadline and the applicability only (search results).
 */
export function PlanLineFacts({ line, compact = false }: { line: Facts; compact?: boolean }) {
  const ids = useId();
  const deadlines = compact ? line.deadlines.slice(0, 1) : line.deadlines;
  return (
    <div className="rtd-line-facts small">
      <p className="mb-1">
        <span className="fw-semibold">{PLAN_LABEL.deadlines}: </span>
        {deadlines.length === 0 ? PLAN_LABEL.noDeadline : null}
      </p>
      {deadlines.length > 0 ? (
        <ul className="mb-1 ps-3" aria-label={`${PLAN_LABEL.deadlines} ${line.code}`}>
          {deadlines.map((d) => (
            <li key={`${d.kind}-${d.date}`}>{describePlanDeadline(d)}</li>
          ))}
        </ul>
      ) : null}
      <p className="mb-1">
        <span className="fw-semibold">{PLAN_LABEL.appliesTo}: </span>
        {describeApplicability(line)}
      </p>
      {!compact && line.conditions.length > 0 ? (
        <div className="mb-1">
          <p id={`${ids}-conditions`} className="fw-semibold mb-0">
            {PLAN_LABEL.conditions}
          </p>
          <ul className="mb-1 ps-3" aria-labelledby={`${ids}-conditions`}>
            {line.conditions.map((condition) => (
              <li key={condition}>{condition}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {!compact && line.corrections.length > 0 ? (
        <details className="mb-1">
          <summary>{PLAN_LABEL.correction}</summary>
          {line.corrections.map((c) => (
            <p key={c.find} className="mb-1">
              {PLAN_LABEL.correctionOf(c.find, c.replace)}. {c.reason} {PLAN_LABEL.source}: {c.source}
            </p>
          ))}
        </details>
      ) : null}
    </div>
  );
}
