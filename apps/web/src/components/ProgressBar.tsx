/** Progress 0-100 with its number in words for everybody, not only for screen readers. */
export function ProgressBar({ value, label }: { value: number; label?: string }) {
  const text = `${label ?? 'Avanzamento'}: ${value}%`;
  return (
    <div className="rtd-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label={text}
        aria-valuenow={value}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div className="progress-bar" style={{ width: `${value}%` }} />
      </div>
      <span className="rtd-progress-text">{value}%</span>
    </div>
  );
}
