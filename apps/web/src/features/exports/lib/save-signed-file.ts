import { errorFor, type AppError } from '../../../lib/errors';

/**
 * Fetches a file by its signed link (it lives minutes) with the person's bearer token, as the
 * download route requires, and hands it to the browser to save under `fileName`. Answers the
 * error to show, or null when the file was saved; a network failure throws.
 */
export async function saveSignedFile(
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
