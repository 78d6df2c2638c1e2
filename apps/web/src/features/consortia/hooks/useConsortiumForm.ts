import { useRef, useState, type FormEvent } from 'react';
import { useClient, useMutation, type CombinedError } from 'urql';
import type { OperatorComuneByIstatQuery } from '../../../gql/graphql';
import { toAppError, type AppError } from '../../../lib/errors';
import { CONSORTIA_MESSAGE as M } from '../../../lib/i18n';
import {
  OperatorComuneByIstatQuery as ComuneByIstat,
  OperatorCreateConsortiumMutation,
  OperatorGrantRtdMutation,
} from '../api/consortia';

export type Comune = NonNullable<OperatorComuneByIstatQuery['comuneByIstatCode']>;

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
export function readCodes(text: string): { codes: string[]; problems: string[] } {
  const codes: string[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const token = line.trim().split(/[\s,;]+/)[0] ?? '';
    if (!token) return;
    if (!ISTAT.test(token)) problems.push(M.notIstat(i + 1, token));
    else if (!codes.includes(token)) codes.push(token);
  });
  return { codes, problems };
}

/**
 * «Costituisci un consorzio»: the name and the ISTAT codes, each code looked up (unknown codes and
 * comuni already in a consortium are problems) before the consortium is created.
 */
export function useConsortiumForm(onCreated: (consortium: { id: string }) => void) {
  const client = useClient();
  const [name, setName] = useState('');
  const [codesText, setCodesTextState] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [codeProblems, setCodeProblems] = useState<string[]>([]);
  const [checked, setChecked] = useState<Comune[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [state, create] = useMutation(OperatorCreateConsortiumMutation);
  const nameRef = useRef<HTMLInputElement>(null);
  const codesRef = useRef<HTMLTextAreaElement>(null);

  const setCodesText = (text: string) => {
    setCodesTextState(text);
    setChecked(null);
  };

  const verify = async (): Promise<Comune[] | null> => {
    setCreated(null);
    setFailure(null);
    const { codes, problems } = readCodes(codesText);
    if (codes.length === 0 && problems.length === 0) problems.push(M.noCodes);
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
        problems.push(M.alreadyIn(comune.name, comune.istatCode, comune.consortium.name));
      else if (comune) found.push(comune);
      else if (code === 'NOT_FOUND' || !answer.error) problems.push(M.unknownCode(codes[i]!));
      else problems.push(M.uncheckedCode(codes[i]!));
    });
    setCodeProblems(problems);
    setChecked(found);
    return problems.length ? null : found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim().replace(/\s+/g, ' ');
    const badName = trimmed.length < 3 || trimmed.length > 200 ? M.badName : null;
    setNameError(badName);
    const comuni = await verify();
    if (badName) return nameRef.current?.focus();
    if (!comuni) return codesRef.current?.focus();
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
      } else setFailure(withServerDetail(result.error));
      return;
    }
    const consortium = result.data!.createConsortium;
    setCreated(M.created(consortium.name, consortium.comuneCount));
    setName('');
    setCodesText('');
    onCreated(consortium);
  };

  return {
    name,
    setName,
    codesText,
    setCodesText,
    nameError,
    codeProblems,
    checked,
    checking,
    failure,
    created,
    busy: checking || state.fetching,
    nameRef,
    codesRef,
    verify,
    submit,
  };
}

/** «Nomina l’RTD di un consorzio»: the consortium and the person's fiscal code. */
export function useRtdForm() {
  const [consortiumId, setConsortiumId] = useState('');
  const [fiscalCode, setFiscalCode] = useState('');
  const [errors, setErrors] = useState<{ consortium?: string; fiscalCode?: string }>({});
  const [failure, setFailure] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [state, grantRtd] = useMutation(OperatorGrantRtdMutation);
  const fiscalRef = useRef<HTMLInputElement>(null);
  const focusConsortium = (id: string) => document.getElementById(id)?.focus();

  const submit = async (event: FormEvent, consortiumFieldId: string) => {
    event.preventDefault();
    setFailure(null);
    setDone(null);
    const code = fiscalCode.replace(/\s+/g, '').toUpperCase();
    const found: typeof errors = {};
    if (!consortiumId) found.consortium = M.chooseConsortium;
    if (!FISCAL_CODE.test(code)) found.fiscalCode = M.badFiscalCode;
    setErrors(found);
    if (found.consortium) return focusConsortium(consortiumFieldId);
    if (found.fiscalCode) return fiscalRef.current?.focus();
    const result = await grantRtd({ consortiumId, fiscalCode: code });
    if (result.error) {
      const refused = refusal(result.error, ['fiscalCode', 'consortiumId']);
      if (refused?.field === 'fiscalCode') {
        setErrors({ fiscalCode: refused.detail });
        fiscalRef.current?.focus();
      } else if (refused) {
        setErrors({ consortium: refused.detail });
        focusConsortium(consortiumFieldId);
      } else setFailure(toAppError(result.error));
      return;
    }
    const m = result.data!.grantRole;
    const who = m.person?.displayName ? `${m.person.displayName} (${code})` : code;
    setDone(M.granted(who, m.consortium?.name ?? ''));
    setFiscalCode('');
  };

  /** After a consortium is founded: preselect it and move to the fiscal code. */
  const startFor = (id: string) => {
    setConsortiumId(id);
    window.setTimeout(() => fiscalRef.current?.focus(), 0);
  };

  return {
    consortiumId,
    setConsortiumId,
    fiscalCode,
    setFiscalCode,
    errors,
    failure,
    done,
    busy: state.fetching,
    fiscalRef,
    submit,
    startFor,
  };
}
