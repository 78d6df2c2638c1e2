/**
 * "9.120 caratteri su 10.000": shown once a text passes 80% of the limit the server enforces, so
 * the person learns the limit while typing rather than after sending. Announced politely.
 */
const number = new Intl.NumberFormat('it-IT', { useGrouping: 'always' });

export function CharacterCount({ id, length, max }: { id: string; length: number; max: number }) {
  const near = length >= max * 0.8;
  return (
    <small
      id={id}
      className={`form-text d-block ${length > max ? 'text-danger fw-semibold' : ''}`}
      aria-live="polite"
    >
      {near
        ? length > max
          ? `${number.format(length)} caratteri: ${number.format(length - max)} oltre il limite di ${number.format(max)}.`
          : `${number.format(length)} caratteri su ${number.format(max)}.`
        : ''}
    </small>
  );
}
