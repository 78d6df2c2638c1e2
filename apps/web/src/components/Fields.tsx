import { Input, Select, TextArea } from 'design-react-kit';
import type { InputHTMLAttributes, ReactNode, Ref, TextareaHTMLAttributes } from 'react';

/**
 * Form fields on design-react-kit's Input, TextArea and Select, with what the kit leaves out: the
 * help text and the error are tied to the control (aria-describedby, aria-invalid), so a screen
 * reader hears them, and the label stays above the control (`.rtd-field` in app.css).
 */
interface FieldProps {
  id: string;
  label: string;
  /** Classes of the field's box, e.g. the grid column. */
  className?: string;
  help?: ReactNode;
  /** A sentence, or a list of them; none when the value is fine. */
  error?: ReactNode;
}

const describedBy = (id: string, help: ReactNode, error: ReactNode) =>
  [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

function FieldNotes({ id, help, error }: { id: string; help: ReactNode; error?: ReactNode }) {
  return (
    <>
      {help ? (
        <div id={`${id}-help`} className="form-text small">
          {help}
        </div>
      ) : null}
      {error ? (
        <div id={`${id}-error`} className="invalid-feedback d-block">
          {error}
        </div>
      ) : null}
    </>
  );
}

const box = (className: string | undefined) => (className ? `rtd-field ${className}` : 'rtd-field');

type TextFieldProps = FieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'size' | 'type' | 'value'> & {
    value: string;
    type?: 'text' | 'date' | 'email' | 'search';
    inputRef?: Ref<HTMLInputElement>;
    inputClassName?: string;
  };

export function TextField({
  id,
  label,
  className,
  help,
  error,
  inputRef,
  inputClassName,
  ...input
}: TextFieldProps) {
  return (
    <div className={box(className)}>
      <Input
        {...input}
        id={id}
        label={label}
        innerRef={inputRef}
        wrapperClassName="mb-0"
        className={[inputClassName, error ? 'is-invalid' : null].filter(Boolean).join(' ') || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, help, error)}
      />
      <FieldNotes id={id} help={help} error={error} />
    </div>
  );
}

type TextAreaFieldProps = FieldProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value'> & {
    value: string;
    inputRef?: Ref<HTMLTextAreaElement>;
    inputClassName?: string;
  };

export function TextAreaField({
  id,
  label,
  className,
  help,
  error,
  inputRef,
  inputClassName,
  ...input
}: TextAreaFieldProps) {
  return (
    <div className={box(className)}>
      <TextArea
        {...input}
        id={id}
        label={label}
        innerRef={inputRef}
        wrapperClassName="mb-0"
        className={['form-control', inputClassName, error ? 'is-invalid' : null].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, help, error)}
      />
      <FieldNotes id={id} help={help} error={error} />
    </div>
  );
}

interface SelectFieldProps extends FieldProps {
  value: string;
  onChange: (value: string) => void;
  /** [value, label] pairs, in order. */
  options: readonly (readonly [string, string])[];
  /** The first, empty choice ("Scegli …", "Non indicato"), if any. */
  placeholder?: string;
  required?: boolean;
  disabled?: boolean;
}

export function SelectField({
  id,
  label,
  className,
  help,
  error,
  value,
  onChange,
  options,
  placeholder,
  required,
  disabled,
}: SelectFieldProps) {
  const choices = options.map(([v, l]) => (
    <option key={v} value={v}>
      {l}
    </option>
  ));
  return (
    <div className={box(className)}>
      <Select
        id={id}
        label={label}
        value={value}
        onChange={onChange}
        required={required}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, help, error)}
      >
        {placeholder !== undefined
          ? [
              <option key="" value="">
                {placeholder}
              </option>,
              ...choices,
            ]
          : choices}
      </Select>
      <FieldNotes id={id} help={help} error={error} />
    </div>
  );
}
