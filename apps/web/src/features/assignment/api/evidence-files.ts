import type { CombinedError } from '@urql/core';
import { errorFor, toAppError, type AppError } from '../../../lib/errors';

const MAX_BYTES = 20 * 1024 * 1024;

/** What is wrong with the chosen file before anything is sent (the server checks again), or null. */
export function fileProblem(file: File | null, field: string): AppError | null {
  const invalid = (message: string): AppError => ({
    code: 'BAD_USER_INPUT',
    field: 'file',
    message: `Controlla il campo «${field}»: ${message}`,
  });
  if (!file) return invalid('scegli un file.');
  if (file.size === 0) return invalid('il file è vuoto.');
  if (file.size > MAX_BYTES) return invalid('il file supera i 20 MB consentiti.');
  return null;
}

/** What is wrong with a link or a note before it is sent (the server checks again), or null. */
export function linkOrNoteProblem(kind: string, url: string, description: string): AppError | null {
  const invalid = (field: string, message: string): AppError => ({ code: 'BAD_USER_INPUT', field, message });
  if (kind === 'URL' && !/^https?:\/\/\S+$/i.test(url.trim()))
    return invalid('url', 'Controlla il campo «Indirizzo (URL)»: deve iniziare con https:// o http://.');
  if (!description.trim()) return invalid('description', 'Controlla il campo «Descrizione»: è obbligatoria.');
  return null;
}

/**
 * POSTs a file to the signed upload URL createEvidenceUpload gave (it lives minutes), as the
 * raw body with the person's bearer token. Answers null when stored, or the error to show: the
 * server words it as GraphQL does (`errors[0].extensions.code` and `field`).
 */
export async function uploadEvidenceFile(
  url: string,
  file: Blob,
  token: string | null | undefined,
): Promise<AppError | null> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: file,
    });
  } catch {
    return errorFor('NETWORK');
  }
  if (response.ok) return null;
  const body = (await response.json().catch(() => null)) as { errors?: unknown[] } | null;
  if (body?.errors?.length) return toAppError({ graphQLErrors: body.errors } as unknown as CombinedError);
  return errorFor(response.status === 401 ? 'UNAUTHENTICATED' : 'UNKNOWN');
}

/** Fetches a file by its signed link with the bearer token and hands it to the browser to save. */
export async function saveEvidenceFile(
  url: string,
  fileName: string,
  token: string | null | undefined,
): Promise<AppError | null> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    return errorFor(
      response.status === 401 ? 'UNAUTHENTICATED' : response.status >= 500 ? 'UNKNOWN' : 'FORBIDDEN',
    );
  }
  const objectUrl = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
  return null;
}
