import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery, type CombinedError } from 'urql';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Feedback';
import { PageTitle } from '../../../components/PageTitle';
import type { OperatorComuneByIstatQuery } from '../../../gql/graphql';
import { toAppError, type AppError } from '../../../lib/errors';
import {
  OperatorComuneByIstatQuery as ComuneByIstat,
  OperatorConsortiaQuery,
  OperatorCreateConsortiumMutation,
  OperatorGrantRtdMutation,
} from '../api/consortia';

type Comune = NonNullable<OperatorComuneByIstatQuery['comuneByIstatCode']>;

const ISTAT = /^\d{6}$/;
const FISCAL_CODE = /^[A-Z0-9]{16}$/;

/** The API's own words for a refused field, capitalised, or null when the refusal is not about `field`. */
function refusal(
  error: CombinedError | undefined,
  fields: string[],
): { field: string; detail: string } | null {
  const first = error?.graphQLErrors?.[0];
  const field = first?.extensions?.field;
  if (
    !first ||
    first.extensions?.code !== 'BAD_USER_INPUT' ||
    typeof field !== 'string' ||
    !fields.includes(field)
  )
    return null;
  const detail = first.message.charAt(0).toUpperCase() + first.message.slice(1);
  return { field, detail: detail.endsWith('.') ? detail : `${detail}.` };
}

/** A CONFLICT here says what clashes (a name in use, a comune already in a consortium): keep the API's words. */
function withServerDetail(error: CombinedError): AppError | null {
  const first = error.graphQLErrors?.[0];
  if (first?.extensions?.code === 'CONFLICT' && first.message)
    return {
      code: 'CONFLICT',
      field: null,
      message: first.message.endsWith('.') ? first.message : `${first.message}.`,
    };
  return toAppError(error);
}

/** The codes of the textarea: one a line, the first word of the line ("019067 Pandino" is fine). */
function readCodes(text: string): { codes: string[]; problems: string[] } {
  const codes: string[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const token = line.trim().split(/[\s,;]+/)[0] ?? '';
    if (!token) return;
    if (!ISTAT.test(token))
      problems.push(`Riga ${i + 1}: «${token}» non è un codice ISTAT (6 cifre, ad esempio 019067).`);
    else if (!codes.includes(token)) codes.push(token);
  });
  return { codes, problems };
}

/** "Consorzi": the operator lists the consortia, founds one with its comuni, and names its RTD. */
export function ConsortiaPage() {
  const ids = useId();
  const client = useClient();
  const [{ data, fetching, error }, refetch] = useQuery({ query: OperatorConsortiaQuery });
  const consortia = useMemo(
    () => [...(data?.consortia ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'it')),
    [data],
  );

  // Naming an RTD.
  const [rtdConsortium, setRtdConsortium] = useState('');
  const [rtdFiscal, setRtdFiscal] = useState('');
  const [rtdErrors, setRtdErrors] = useState<{ consortium?: string; fiscalCode?: string }>({});
  const [rtdFailure, setRtdFailure] = useState<AppError | null>(null);
  const [rtdDone, setRtdDone] = useState<string | null>(null);
  const [rtdState, grantRtd] = useMutation(OperatorGrantRtdMutation);
  const rtdFiscalRef = useRef<HTMLInputElement>(null);
  const rtdConsortiumRef = useRef<HTMLSelectElement>(null);

  // Founding a consortium.
  const [name, setName] = useState('');
  const [codesText, setCodesText] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [codeProblems, setCodeProblems] = useState<string[]>([]);
  const [checked, setChecked] = useState<Comune[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [createFailure, setCreateFailure] = useState<AppError | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [createState, create] = useMutation(OperatorCreateConsortiumMutation);
  const nameRef = useRef<HTMLInputElement>(null);
  const codesRef = useRef<HTMLTextAreaElement>(null);

  /** Each code looked up: unknown codes and comuni already in a consortium are problems. */
  const verify = async (): Promise<Comune[] | null> => {
    setCreated(null);
    setCreateFailure(null);
    const { codes, problems } = readCodes(codesText);
    if (codes.length === 0 && problems.length === 0)
      problems.push('Scrivi almeno un codice ISTAT, uno per riga.');
    if (problems.length) {
      setCodeProblems(problems);
      setChecked(null);
      return null;
    }
    setChecking(true);
    const answers = await Promise.all(
      codes.map((istatCode) =>
        client.query(ComuneByIstat, { istatCode }, { requestPolicy: 'network-only' }).toPromise(),
      ),
    );
    setChecking(false);
    const found: Comune[] = [];
    answers.forEach((answer, i) => {
      const comune = answer.data?.comuneByIstatCode;
      const code = toAppError(answer.error)?.code;
      if (comune && comune.consortium)
        problems.push(`${comune.name} (${comune.istatCode}) fa già parte di «${comune.consortium.name}».`);
      else if (comune) found.push(comune);
      else if (code === 'NOT_FOUND' || !answer.error)
        problems.push(`Nessun Comune ha il codice ISTAT ${codes[i]}.`);
      else problems.push(`Non è stato possibile verificare il codice ${codes[i]}: riprova tra poco.`);
    });
    setCodeProblems(problems);
    setChecked(found);
    return problems.length ? null : found;
  };

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim().replace(/\s+/g, ' ');
    const badName = trimmed.length < 3 || trimmed.length > 200 ? 'Il nome ha da 3 a 200 caratteri.' : null;
    setNameError(badName);
    const comuni = await verify();
    if (badName) {
      nameRef.current?.focus();
      return;
    }
    if (!comuni) {
      codesRef.current?.focus();
      return;
    }
    const result = await create({
      input: { name: trimmed, comuneIstatCodes: comuni.map((c) => c.istatCode) },
    });
    if (result.error) {
      const refused = refusal(result.error, ['name', 'comuneIstatCodes']);
      if (refused?.field === 'name') {
        setNameError(refused.detail);
        nameRef.current?.focus();
      } else if (refused) {
        setCodeProblems([refused.detail]);
        codesRef.current?.focus();
      } else setCreateFailure(withServerDetail(result.error));
      return;
    }
    const consortium = result.data!.createConsortium;
    setCreated(
      `Consorzio «${consortium.name}» costituito con ${consortium.comuneCount} Comuni. Ora nominane l’RTD qui sotto.`,
    );
    setName('');
    setCodesText('');
    setChecked(null);
    setRtdConsortium(consortium.id);
    refetch({ requestPolicy: 'network-only' });
    window.setTimeout(() => rtdFiscalRef.current?.focus(), 0);
  };

  const onGrantRtd = async (event: FormEvent) => {
    event.preventDefault();
    setRtdFailure(null);
    setRtdDone(null);
    const code = rtdFiscal.replace(/\s+/g, '').toUpperCase();
    const errors: typeof rtdErrors = {};
    if (!rtdConsortium) errors.consortium = 'Scegli il consorzio.';
    if (!FISCAL_CODE.test(code))
      errors.fiscalCode = 'Il codice fiscale ha 16 caratteri, lettere e cifre, ad esempio RSSMRA80A01H501U.';
    setRtdErrors(errors);
    if (errors.consortium) return rtdConsortiumRef.current?.focus();
    if (errors.fiscalCode) return rtdFiscalRef.current?.focus();
    const result = await grantRtd({ consortiumId: rtdConsortium, fiscalCode: code });
    if (result.error) {
      const refused = refusal(result.error, ['fiscalCode', 'consortiumId']);
      if (refused?.field === 'fiscalCode') {
        setRtdErrors({ fiscalCode: refused.detail });
        rtdFiscalRef.current?.focus();
      } else if (refused) {
        setRtdErrors({ consortium: refused.detail });
        rtdConsortiumRef.current?.focus();
      } else setRtdFailure(toAppError(result.error));
      return;
    }
    const m = result.data!.grantRole;
    const who = m.person?.displayName ? `${m.person.displayName} (${code})` : code;
    setRtdDone(`${who} è ora Responsabile per la Transizione al Digitale di «${m.consortium?.name ?? ''}».`);
    setRtdFiscal('');
  };

  const appError = toAppError(error);
  return (
    <>
      <PageTitle title="Consorzi">Consorzi</PageTitle>
      <p className="lead">Gli Uffici RTD associati della piattaforma, con i loro Comuni.</p>
      {appError ? <ErrorNotice error={appError} /> : null}
      {fetching && !data ? <Loading what="dei consorzi" /> : null}
      {data && consortia.length === 0 ? (
        <EmptyState title="Nessun consorzio">
          Costituisci il primo consorzio con il modulo qui sotto, poi nominane l’RTD.
        </EmptyState>
      ) : null}
      {consortia.length > 0 ? (
        <div className="table-responsive mb-5">
          <table className="table">
            <caption>
              {consortia.length === 1 ? '1 consorzio' : `${consortia.length} consorzi`}, in ordine alfabetico
            </caption>
            <thead>
              <tr>
                <th scope="col">Consorzio</th>
                <th scope="col" className="text-end">
                  Comuni
                </th>
              </tr>
            </thead>
            <tbody>
              {consortia.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td className="text-end">{c.comuneCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <section className="rtd-panel mb-5" aria-labelledby={`${ids}-create`}>
        <h2 id={`${ids}-create`} className="h4">
          Costituisci un consorzio
        </h2>
        {createFailure ? <ErrorNotice error={createFailure} /> : null}
        {created ? (
          <div className="alert alert-success" role="status">
            {created}
          </div>
        ) : null}
        <form onSubmit={onCreate} noValidate aria-label="Costituisci un consorzio">
          <div className="form-group mb-3">
            <label htmlFor={`${ids}-name`}>Nome del consorzio</label>
            <input
              id={`${ids}-name`}
              ref={nameRef}
              type="text"
              className={`form-control${nameError ? ' is-invalid' : ''}`}
              value={name}
              maxLength={200}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? `${ids}-name-error` : undefined}
              onChange={(e) => setName(e.target.value)}
            />
            {nameError ? (
              <div id={`${ids}-name-error`} className="invalid-feedback d-block">
                {nameError}
              </div>
            ) : null}
          </div>
          <div className="form-group mb-3">
            <label htmlFor={`${ids}-codes`}>Codici ISTAT dei Comuni</label>
            <textarea
              id={`${ids}-codes`}
              ref={codesRef}
              className={`form-control rtd-codes${codeProblems.length ? ' is-invalid' : ''}`}
              rows={6}
              value={codesText}
              aria-invalid={codeProblems.length ? true : undefined}
              aria-describedby={`${ids}-codes-help${codeProblems.length ? ` ${ids}-codes-error` : ''}`}
              onChange={(e) => {
                setCodesText(e.target.value);
                setChecked(null);
              }}
            />
            <small id={`${ids}-codes-help`} className="form-text">
              Un codice per riga, 6 cifre (ad esempio 019067 per Pandino); dopo il codice puoi scrivere il
              nome, che non viene letto. Un Comune fa parte al più di un consorzio.
            </small>
            {codeProblems.length ? (
              <ul id={`${ids}-codes-error`} className="invalid-feedback d-block ps-3">
                {codeProblems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ) : null}
          </div>
          {checked && checked.length > 0 ? (
            <div className="mb-3" aria-live="polite">
              <p className="fw-semibold mb-1">
                {checked.length === 1 ? '1 Comune riconosciuto' : `${checked.length} Comuni riconosciuti`}:
              </p>
              <p className="small">
                {checked.map((c) => `${c.name} (${c.istatCode}, ${c.provinceName})`).join('; ')}
              </p>
            </div>
          ) : null}
          <div className="d-flex flex-wrap gap-2">
            <button
              type="button"
              className="btn btn-outline-primary"
              disabled={checking}
              onClick={() => void verify()}
            >
              Verifica i Comuni
            </button>
            <button type="submit" className="btn btn-primary" disabled={checking || createState.fetching}>
              Costituisci il consorzio
            </button>
          </div>
        </form>
      </section>

      <section className="rtd-panel mb-5" aria-labelledby={`${ids}-rtd`}>
        <h2 id={`${ids}-rtd`} className="h4">
          Nomina l’RTD di un consorzio
        </h2>
        <p className="small">
          La persona entra con SPID o CIE: basta il suo codice fiscale. Sarà lei a nominare referenti, staff e
          revisori.
        </p>
        {rtdFailure ? <ErrorNotice error={rtdFailure} /> : null}
        {rtdDone ? (
          <div className="alert alert-success" role="status">
            {rtdDone}
          </div>
        ) : null}
        <form onSubmit={onGrantRtd} noValidate aria-label="Nomina l’RTD">
          <div className="row">
            <div className="col-12 col-md-7">
              <div className="form-group mb-3">
                <label htmlFor={`${ids}-rtd-consortium`}>Consorzio</label>
                <div className="select-wrapper">
                  <select
                    id={`${ids}-rtd-consortium`}
                    ref={rtdConsortiumRef}
                    value={rtdConsortium}
                    aria-invalid={rtdErrors.consortium ? true : undefined}
                    aria-describedby={rtdErrors.consortium ? `${ids}-rtd-consortium-error` : undefined}
                    onChange={(e) => setRtdConsortium(e.target.value)}
                  >
                    <option value="">Scegli un consorzio</option>
                    {consortia.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </div>
                {rtdErrors.consortium ? (
                  <div id={`${ids}-rtd-consortium-error`} className="invalid-feedback d-block">
                    {rtdErrors.consortium}
                  </div>
                ) : null}
              </div>
            </div>
            <div className="col-12 col-md-5">
              <div className="form-group mb-3">
                <label htmlFor={`${ids}-rtd-cf`}>Codice fiscale dell’RTD</label>
                <input
                  id={`${ids}-rtd-cf`}
                  ref={rtdFiscalRef}
                  type="text"
                  className={`form-control rtd-codes${rtdErrors.fiscalCode ? ' is-invalid' : ''}`}
                  value={rtdFiscal}
                  maxLength={20}
                  autoComplete="off"
                  spellCheck={false}
                  aria-invalid={rtdErrors.fiscalCode ? true : undefined}
                  aria-describedby={rtdErrors.fiscalCode ? `${ids}-rtd-cf-error` : undefined}
                  onChange={(e) => setRtdFiscal(e.target.value.toUpperCase())}
                />
                {rtdErrors.fiscalCode ? (
                  <div id={`${ids}-rtd-cf-error`} className="invalid-feedback d-block">
                    {rtdErrors.fiscalCode}
                  </div>
                ) : null}
              </div>
            </div>
          </div>
          <button type="submit" className="btn btn-primary" disabled={rtdState.fetching}>
            Nomina l’RTD
          </button>
        </form>
      </section>
    </>
  );
}
