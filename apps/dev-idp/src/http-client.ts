/** The browser-like fetch the headless token flow uses, and the errors it raises. */

export type DevTokenErrorCode = 'PROVIDER_UNREACHABLE' | 'UNKNOWN_PERSON' | 'UNKNOWN_CLIENT' | 'FLOW_FAILED';

export class DevTokenError extends Error {
  constructor(
    readonly code: DevTokenErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DevTokenError';
  }
}

/**
 * fetch with the two things a browser adds during a login: manual redirects (we need to see
 * every Location) and cookies (the interaction and session cookies tie the steps together).
 * Everything it talks to is the provider's origin, so one jar without domain/path matching is
 * enough; expired cookies are removed so a cleared interaction cookie is not sent back.
 */
export class HttpClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly timeoutMs = 10_000) {}

  async send(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method: init.method ?? 'GET',
        headers,
        body: init.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new DevTokenError(
        'PROVIDER_UNREACHABLE',
        `OIDC provider not reachable at ${new URL(url).origin}: ${networkReason(error)}`,
      );
    }
    this.store(response.headers.getSetCookie());
    return response;
  }

  private store(setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key, raw = ''] = attribute.split('=');
        const attributeName = key.trim().toLowerCase();
        if (attributeName === 'max-age') return Number(raw.trim()) <= 0;
        if (attributeName === 'expires') return Date.parse(raw.trim()) <= Date.now();
        return false;
      });
      if (expired || value === '') {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
  }
}

export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  if ((error as Error | null)?.name === 'TimeoutError') return 'timed out';
  return cause?.code ?? cause?.message ?? (error as Error | null)?.message ?? String(error);
}

export async function errorText(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  let error: string | undefined;
  let description: string | undefined;
  try {
    ({ error, error_description: description } = JSON.parse(text) as {
      error?: string;
      error_description?: string;
    });
  } catch {
    // The provider renders authorization errors it cannot redirect as an HTML page (renderError).
    const field = (name: string) => new RegExp(`<dt>${name}</dt><dd>([^<]*)</dd>`).exec(text)?.[1];
    error = field('error');
    description = field('error_description');
  }
  return error ? ` (${unescapeHtml(error)}${describe(description && unescapeHtml(description))})` : '';
}

export function unescapeHtml(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export function describe(description: string | null | undefined): string {
  return description ? `: ${description}` : '';
}

export function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}
