import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { COMUNE_COMBOBOX_LABEL as L } from '../../../lib/i18n';

export interface ComuneOption {
  id: string;
  name: string;
  istatCode: string;
}

const MAX_SHOWN = 50;

/** Lower case, no accents: "Castelleone" finds "castelleone", "Sergnano" finds "sergnano". */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

export const describeComune = (c: ComuneOption) => `${c.name} (${c.istatCode})`;

/** The comuni whose name contains the text or whose ISTAT code starts with it, names first. */
export function matchComuni(options: ComuneOption[], text: string): ComuneOption[] {
  const query = fold(text);
  if (!query) return options;
  return options
    .filter(
      (c) =>
        fold(c.name).includes(query) || c.istatCode.startsWith(query) || fold(describeComune(c)) === query,
    )
    .sort(
      (a, b) =>
        Number(!fold(a.name).startsWith(query)) - Number(!fold(b.name).startsWith(query)) ||
        a.name.localeCompare(b.name, 'it'),
    );
}

/**
 * A searchable choice of a comune (ARIA 1.2 combobox with a list box): typing "Pand" or "019067"
 * offers Pandino. Arrows move, Enter chooses, Escape closes; the choice is the comune, never an id
 * the person has to know.
 */
export function ComuneCombobox({
  label,
  options,
  value,
  onChange,
  error,
  help,
  inputRef,
}: {
  label: string;
  options: ComuneOption[];
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string | null;
  help?: string;
  inputRef?: React.Ref<HTMLInputElement>;
}) {
  const ids = useId();
  const listId = `${ids}-list`;
  const selected = options.find((o) => o.id === value) ?? null;
  const [text, setText] = useState(selected ? describeComune(selected) : '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const blurTimer = useRef<number | null>(null);

  // A choice made from outside shows in the box (to clear it, the form mounts a new box).
  useEffect(() => {
    if (selected) setText(describeComune(selected));
  }, [selected]);

  const matches = useMemo(() => matchComuni(options, text), [options, text]);
  const shown = matches.slice(0, MAX_SHOWN);
  const expanded = open && shown.length > 0;

  const choose = (option: ComuneOption) => {
    setText(describeComune(option));
    onChange(option.id);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      else setActive((i) => Math.min(i + 1, shown.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter' && expanded) {
      event.preventDefault();
      const option = shown[active];
      if (option) choose(option);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  };

  /** Leaving the box with an exact name or code typed counts as choosing it. */
  const settle = () => {
    setOpen(false);
    if (selected && text === describeComune(selected)) return;
    const query = fold(text);
    const exact = options.find(
      (c) => fold(c.name) === query || c.istatCode === query || fold(describeComune(c)) === query,
    );
    if (exact) choose(exact);
    else if (value !== null) onChange(null);
  };

  const describedBy = [help ? `${ids}-help` : null, error ? `${ids}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="form-group mb-3">
      <label htmlFor={`${ids}-input`}>{label}</label>
      <div className="position-relative">
        <input
          id={`${ids}-input`}
          ref={inputRef}
          type="text"
          className={`form-control${error ? ' is-invalid' : ''}`}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && shown[active] ? `${ids}-opt-${shown[active].id}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          autoComplete="off"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            setOpen(true);
            if (value !== null) onChange(null);
          }}
          onFocus={() => {
            if (blurTimer.current) window.clearTimeout(blurTimer.current);
          }}
          onBlur={() => {
            // A click on an option lands after the blur.
            blurTimer.current = window.setTimeout(settle, 150);
          }}
          onKeyDown={onKeyDown}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label}: risultati`}
          className="list-group position-absolute w-100 shadow"
          style={{
            zIndex: 20,
            maxHeight: '16rem',
            overflowY: 'auto',
            display: expanded ? undefined : 'none',
          }}
        >
          {expanded
            ? shown.map((option, i) => (
                <li
                  key={option.id}
                  id={`${ids}-opt-${option.id}`}
                  role="option"
                  aria-selected={i === active}
                  className={`list-group-item list-group-item-action${i === active ? ' active' : ''}`}
                  style={{ cursor: 'pointer' }}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(option)}
                >
                  {describeComune(option)}
                </li>
              ))
            : null}
        </ul>
      </div>
      <span className="visually-hidden" aria-live="polite">
        {open && text.trim() ? L.found(matches.length) : ''}
      </span>
      {help ? (
        <small id={`${ids}-help`} className="form-text">
          {help}
        </small>
      ) : null}
      {error ? (
        <div id={`${ids}-error`} className="invalid-feedback d-block" role="alert">
          {error}
        </div>
      ) : null}
      {open && text.trim() && matches.length === 0 ? <p className="small mt-1 mb-0">{L.noMatch}</p> : null}
    </div>
  );
}
