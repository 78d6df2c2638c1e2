import { roleSummary, type DemoPerson } from './people';

/** Every interpolated value goes through here: names and query strings end up in HTML. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;background:#f2f5f8;color:#17324d;font-family:"Titillium Web",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.4}
  main{max-width:560px;margin:32px auto;padding:28px 32px;background:#fff;border-radius:8px;box-shadow:0 2px 10px rgba(23,50,77,.12)}
  h1{margin:.2em 0 .4em;font-size:1.6rem;color:#06c}
  .env{display:inline-block;padding:2px 10px;border-radius:12px;background:#fff4e0;color:#8a4b00;font-size:.8rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em}
  .people{list-style:none;margin:16px 0;padding:0}
  .people li{margin:0 0 10px}
  .spid{display:flex;align-items:center;gap:14px;width:100%;padding:10px 16px;border:0;border-radius:4px;background:#06c;color:#fff;font:inherit;text-align:left;cursor:pointer}
  .spid:hover,.spid:focus{background:#036;outline:none}
  .spid:focus-visible{box-shadow:0 0 0 3px #f90}
  .avatar{flex:none;display:flex;align-items:center;justify-content:center;width:40px;height:40px;border-radius:50%;background:#fff;color:#06c;font-weight:700}
  .who{display:flex;flex-direction:column}
  .who strong{font-size:1.05rem}
  .cf{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;opacity:.9}
  .role{font-size:.85rem;opacity:.85}
  .error{padding:10px 14px;border-left:4px solid #d9364f;background:#fdecee;color:#7a1020}
  details{margin:18px 0}
  summary{cursor:pointer;color:#06c}
  label{display:block;margin:10px 0 4px;font-weight:600}
  input{width:100%;padding:8px 10px;border:1px solid #5c6f82;border-radius:4px;font:inherit;text-transform:uppercase}
  .inline{margin-top:10px;justify-content:center}
  .muted{color:#5c6f82;font-size:.9rem}
  dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}
  dt{font-weight:600}
  dd{margin:0;font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
  a{color:#06c}
  main.wide{max-width:880px}
  h2{margin:1.4em 0 .5em;font-size:1.15rem}
  table{width:100%;border-collapse:collapse;font-size:.92rem}
  th,td{padding:6px 8px;border-bottom:1px solid #d9dadb;text-align:left;vertical-align:top}
  th{color:#5c6f82;font-weight:600}
`;

function page(title: string, body: string, wide = false): string {
  return `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main${wide ? ' class="wide"' : ''}>
<span class="env">Ambiente di sviluppo</span>
${body}
</main>
</body>
</html>`;
}

function initials(person: DemoPerson): string {
  return `${person.givenName.charAt(0)}${person.familyName.charAt(0)}`.toUpperCase();
}

export interface LoginPageInput {
  uid: string;
  clientName: string;
  people: readonly DemoPerson[];
  error?: string;
  fiscalCode?: string;
}

export function renderLoginPage(input: LoginPageInput): string {
  const action = `/interaction/${encodeURIComponent(input.uid)}/login`;
  const people = input.people
    .map(
      (
        person,
      ) => `<li><button class="spid" type="submit" name="fiscalCode" value="${escapeHtml(person.fiscalCode)}">
  <span class="avatar" aria-hidden="true">${escapeHtml(initials(person))}</span>
  <span class="who"><strong>${escapeHtml(person.givenName)} ${escapeHtml(person.familyName)}</strong>
  <span class="cf">${escapeHtml(person.fiscalCode)}</span>
  <span class="role">${escapeHtml(roleSummary(person))}</span></span>
</button></li>`,
    )
    .join('\n');
  const error = input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : '';
  return page(
    'Entra con SPID – RTD Hub (sviluppo)',
    `<h1>Entra con SPID</h1>
<p>L'applicazione <strong>${escapeHtml(input.clientName)}</strong> chiede di identificarti.
Questo è un identity provider di prova: scegli una persona demo, non serve alcuna password.</p>
${error}
<form method="post" action="${escapeHtml(action)}">
<ul class="people">
${people}
</ul>
</form>
<details${input.error ? ' open' : ''}>
<summary>Entra con un codice fiscale</summary>
<form method="post" action="${escapeHtml(action)}">
<label for="fiscalCode">Codice fiscale</label>
<input id="fiscalCode" name="fiscalCode" autocomplete="off" maxlength="16" required value="${escapeHtml(input.fiscalCode ?? '')}">
<button class="spid inline" type="submit">Entra</button>
</form>
</details>
<p class="muted"><a href="/interaction/${escapeHtml(encodeURIComponent(input.uid))}/abort">Annulla e torna all'applicazione</a></p>`,
  );
}

export function renderMessagePage(
  title: string,
  message: string,
  details: Record<string, unknown> = {},
): string {
  const rows = Object.entries(details)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('\n');
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>\n${rows ? `<dl>${rows}</dl>` : ''}`,
  );
}

export interface HomePageInput {
  issuer: string;
  people: readonly DemoPerson[];
  /** Machine clients (client credentials), listed with their client id. */
  clients: readonly { clientId: string; name: string }[];
  /** Addresses of the applications that log in here (origins of the registered redirect URIs). */
  appUrls: readonly string[];
}

/** The provider's root page: who can log in, how, and the provider's own endpoints. */
export function renderHomePage(input: HomePageInput): string {
  const link = (path: string) => `<a href="${escapeHtml(path)}">${escapeHtml(`${input.issuer}${path}`)}</a>`;
  const apps = input.appUrls.map((url) => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`);
  const start =
    apps.length === 0
      ? "Si entra partendo dall'applicazione, con il pulsante <strong>Entra con SPID</strong>."
      : `Si entra partendo dall'applicazione: apri ${apps[0]} e scegli <strong>Entra con SPID</strong>;
questo provider mostrerà l'elenco delle persone qui sotto.${
          apps.length > 1 ? ` Altre applicazioni registrate: ${apps.slice(1).join(', ')}.` : ''
        }`;
  const people = input.people
    .map(
      (person) => `<tr><td>${escapeHtml(person.givenName)} ${escapeHtml(person.familyName)}</td>
<td class="cf">${escapeHtml(person.fiscalCode)}</td><td>${escapeHtml(roleSummary(person))}</td></tr>`,
    )
    .join('\n');
  const clients = input.clients
    .map((client) => `<li><code>${escapeHtml(client.clientId)}</code>: ${escapeHtml(client.name)}</li>`)
    .join('\n');
  return page(
    'RTD Hub – identity provider di sviluppo',
    `<h1>Identity provider di sviluppo</h1>
<p>Emette token per le persone e i client demo di RTD Hub, senza password. In produzione il suo posto è preso da Keycloak.</p>
<p>${start}</p>
<h2>Persone demo</h2>
<table>
<thead><tr><th scope="col">Nome</th><th scope="col">Codice fiscale</th><th scope="col">Ruolo e ambito</th></tr></thead>
<tbody>
${people}
</tbody>
</table>
<h2>Client applicativi</h2>
<ul>
${clients}
</ul>
<h2>Endpoint</h2>
<dl>
<dt>Discovery</dt><dd>${link('/.well-known/openid-configuration')}</dd>
<dt>Chiavi (JWKS)</dt><dd>${link('/jwks')}</dd>
</dl>
<p class="muted">Per un token da riga di comando: <code>npm run -s dev:token -- &lt;codice fiscale&gt;</code>
oppure <code>npm run -s dev:token -- --client &lt;client id&gt;</code></p>`,
    true,
  );
}

export function renderCallbackPage(query: Record<string, unknown>): string {
  const details = {
    code: query.code,
    state: query.state,
    iss: query.iss,
    error: query.error,
    error_description: query.error_description,
  };
  if (typeof query.error === 'string') {
    return renderMessagePage(
      'Accesso non completato',
      "Il provider ha restituito un errore all'applicazione.",
      details,
    );
  }
  return renderMessagePage(
    'Accesso completato',
    "Il provider ha restituito un codice di autorizzazione. Chi ha avviato il flusso lo scambia all'endpoint token insieme al code_verifier PKCE.",
    details,
  );
}

export function renderLogoutPage(form: string, host: string): string {
  return page(
    'Uscita – RTD Hub (sviluppo)',
    `<h1>Vuoi uscire?</h1>
<p>Stai per chiudere la sessione su <strong>${escapeHtml(host)}</strong>.</p>
${form}
<button class="spid inline" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Sì, esci</button>
<p class="muted"><button type="submit" form="op.logoutForm" style="background:none;border:0;color:#06c;text-decoration:underline;cursor:pointer;font:inherit;padding:0">No, resta collegato</button></p>`,
  );
}

export function renderLogoutSuccessPage(): string {
  return renderMessagePage('Uscita completata', 'La sessione sul provider di sviluppo è stata chiusa.');
}
