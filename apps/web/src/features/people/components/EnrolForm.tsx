import { useId, useRef, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../../components/Feedback';
import type { Role } from '../../../gql/graphql';
import { toAppError, type AppError } from '../../../lib/errors';
import { ENROL_LABEL as L, ROLE_LABEL } from '../../../lib/i18n';
import { PeopleGrantRoleMutation } from '../api/people';
import { ComuneCombobox, type ComuneOption } from './ComuneCombobox';

const COMUNE_ROLES: Role[] = ['COMUNE_REFERENT', 'COMUNE_DELEGATE', 'COMUNE_VIEWER'];
const OFFICE_ROLES: Role[] = ['CONSORTIUM_STAFF', 'AUDITOR'];
const FISCAL_CODE = /^[A-Z0-9]{16}$/;

type Field = 'fiscalCode' | 'role' | 'comuneId' | 'givenName' | 'familyName' | 'email';
const FIELDS: Field[] = ['fiscalCode', 'givenName', 'familyName', 'email', 'role', 'comuneId'];
type FieldErrors = Partial<Record<Field, string>>;

/** The API's own words for a refused field ("il carattere di controllo non corrisponde"), capitalised. */
function refusedField(error: CombinedError | undefined): { field: Field; detail: string } | null {
  const first = error?.graphQLErrors?.[0];
  if (!first || first.extensions?.code !== 'BAD_USER_INPUT') return null;
  const field = first.extensions.field;
  if (!FIELDS.includes(field as Field)) return null;
  const detail = first.message.charAt(0).toUpperCase() + first.message.slice(1);
  return { field: field as Field, detail: detail.endsWith('.') ? detail : `${detail}.` };
}

/**
 * The RTD enrols a person by fiscal code: a role in one of the consortium's comuni (referent,
 * delegate, read-only) or in the office (staff, auditor). Name and e-mail, when given, are kept for a
 * person new to RTD Hub until their first login brings the identity provider's.
 */
export function EnrolForm({
  consortiumId,
  comuni,
  onDone,
}: {
  consortiumId: string;
  comuni: ComuneOption[];
  onDone: () => void;
}) {
  const ids = useId();
  const [fiscalCode, setFiscalCode] = useState('');
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [email, setEmail] = useState('');
  const givenRef = useRef<HTMLInputElement>(null);
  const familyRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const [role, setRole] = useState<Role | ''>('');
  const [comuneId, setComuneId] = useState<string | null>(null);
  const [comuneBox, setComuneBox] = useState(0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [state, grant] = useMutation(PeopleGrantRoleMutation);
  const fiscalRef = useRef<HTMLInputElement>(null);
  const roleRef = useRef<HTMLSelectElement>(null);
  const comuneRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const forComune = role === '' || COMUNE_ROLES.includes(role);

  const focusField = (field: Field) =>
    (
      ({
        fiscalCode: fiscalRef,
        role: roleRef,
        comuneId: comuneRef,
        givenName: givenRef,
        familyName: familyRef,
        email: emailRef,
      }) as Record<Field, React.RefObject<HTMLInputElement | HTMLSelectElement | null>>
    )[field].current?.focus();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setDone(null);
    const code = fiscalCode.replace(/\s+/g, '').toUpperCase();
    const found: FieldErrors = {};
    if (!FISCAL_CODE.test(code)) found.fiscalCode = L.fiscalCodeInvalid;
    if (!role) found.role = L.roleRequired;
    if (email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) found.email = L.emailInvalid;
    if (forComune && !comuneId) found.comuneId = L.comuneRequired;
    setErrors(found);
    const first = FIELDS.find((f) => found[f]);
    if (first) {
      focusField(first);
      return;
    }
    const profile = {
      givenName: givenName.trim() || null,
      familyName: familyName.trim() || null,
      email: email.trim() || null,
    };
    const result = await grant({
      input: forComune
        ? { fiscalCode: code, role: role as Role, comuneId, ...profile }
        : { fiscalCode: code, role: role as Role, consortiumId, ...profile },
    });
    if (result.error) {
      const refused = refusedField(result.error);
      if (refused) {
        setErrors({ [refused.field]: refused.detail });
        focusField(refused.field);
      } else setFailure(toAppError(result.error));
      return;
    }
    const m = result.data!.grantRole;
    const who = m.person?.displayName ? `${m.person.displayName} (${code})` : code;
    setDone(L.granted(ROLE_LABEL[m.role], who, m.comune?.name ?? null));
    setFiscalCode('');
    setGivenName('');
    setFamilyName('');
    setEmail('');
    setRole('');
    setComuneId(null);
    setComuneBox((k) => k + 1);
    onDone();
    window.setTimeout(() => doneRef.current?.focus(), 0);
  };

  return (
    <section aria-labelledby={`${ids}-title`} className="rtd-panel mb-5">
      <h2 id={`${ids}-title`} className="h4">
        {L.title}
      </h2>
      <p className="small">{L.intro}</p>
      {failure ? <ErrorNotice error={failure} /> : null}
      {done ? (
        <div ref={doneRef} tabIndex={-1} className="alert alert-success" role="status">
          {done}
        </div>
      ) : null}
      <form onSubmit={onSubmit} noValidate aria-label={L.title}>
        <div className="row">
          <div className="col-12 col-lg-4">
            <div className="form-group mb-3">
              <label htmlFor={`${ids}-cf`}>{L.fiscalCode}</label>
              <input
                id={`${ids}-cf`}
                ref={fiscalRef}
                type="text"
                className={`form-control rtd-codes${errors.fiscalCode ? ' is-invalid' : ''}`}
                value={fiscalCode}
                maxLength={20}
                autoComplete="off"
                spellCheck={false}
                autoCapitalize="characters"
                aria-invalid={errors.fiscalCode ? true : undefined}
                aria-describedby={`${ids}-cf-help${errors.fiscalCode ? ` ${ids}-cf-error` : ''}`}
                onChange={(e) => setFiscalCode(e.target.value.toUpperCase())}
              />
              <small id={`${ids}-cf-help`} className="form-text">
                {L.fiscalCodeHelp}
              </small>
              {errors.fiscalCode ? (
                <div id={`${ids}-cf-error`} className="invalid-feedback d-block">
                  {errors.fiscalCode}
                </div>
              ) : null}
            </div>
          </div>
          <div className="col-12 col-lg-8">
            <div className="row">
              {(
                [
                  ['givenName', L.givenName, givenName, setGivenName, givenRef, 'text', 'given-name'],
                  ['familyName', L.familyName, familyName, setFamilyName, familyRef, 'text', 'family-name'],
                  ['email', L.email, email, setEmail, emailRef, 'email', 'email'],
                ] as const
              ).map(([field, label, value, set, ref, type, auto]) => (
                <div className="col-12 col-md-4" key={field}>
                  <div className="form-group mb-3">
                    <label htmlFor={`${ids}-${field}`}>{label}</label>
                    <input
                      id={`${ids}-${field}`}
                      ref={ref}
                      type={type}
                      className={`form-control${errors[field] ? ' is-invalid' : ''}`}
                      value={value}
                      maxLength={type === 'email' ? 254 : 100}
                      autoComplete={auto}
                      aria-invalid={errors[field] ? true : undefined}
                      aria-describedby={errors[field] ? `${ids}-${field}-error` : undefined}
                      onChange={(e) => set(e.target.value)}
                    />
                    {errors[field] ? (
                      <div id={`${ids}-${field}-error`} className="invalid-feedback d-block">
                        {errors[field]}
                      </div>
                    ) : null}
                  </div>
                </div>
              ))}
            </div>
          </div>
          <div className="col-12 col-lg-4">
            <div className="form-group mb-3">
              <label htmlFor={`${ids}-role`}>{L.role}</label>
              <div className="select-wrapper">
                <select
                  id={`${ids}-role`}
                  ref={roleRef}
                  value={role}
                  aria-invalid={errors.role ? true : undefined}
                  aria-describedby={errors.role ? `${ids}-role-error` : undefined}
                  onChange={(e) => setRole(e.target.value as Role | '')}
                >
                  <option value="">{L.chooseRole}</option>
                  <optgroup label={L.inComune}>
                    {COMUNE_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABEL[r]}
                      </option>
                    ))}
                  </optgroup>
                  <optgroup label={L.inOffice}>
                    {OFFICE_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABEL[r]}
                      </option>
                    ))}
                  </optgroup>
                </select>
              </div>
              {errors.role ? (
                <div id={`${ids}-role-error`} className="invalid-feedback d-block">
                  {errors.role}
                </div>
              ) : null}
            </div>
          </div>
          <div className="col-12 col-lg-4">
            {forComune ? (
              <ComuneCombobox
                key={comuneBox}
                label={L.comune}
                options={comuni}
                value={comuneId}
                onChange={setComuneId}
                error={errors.comuneId}
                help={L.comuneHelp}
                inputRef={comuneRef}
              />
            ) : (
              <p className="small mt-4">{L.officeWide}</p>
            )}
          </div>
        </div>
        <button type="submit" className="btn btn-primary" disabled={state.fetching}>
          {L.submit}
        </button>
      </form>
    </section>
  );
}
