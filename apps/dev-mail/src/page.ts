import { escapeHtml, formatItalianDateTime } from '@rtd/notifications';
import type { ReceivedMail } from './smtp-sink';

/** The mailbox page of the development mail catcher, newest mail first. */
export function renderMailbox(mails: ReceivedMail[], smtpUrl: string): string {
  const newestFirst = [...mails].reverse();
  const count =
    mails.length === 0
      ? 'Nessun messaggio ricevuto.'
      : mails.length === 1
        ? '1 messaggio ricevuto.'
        : `${mails.length} messaggi ricevuti.`;
  return [
    '<!doctype html>',
    '<html lang="it">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // The page is left open during a demo: new mail shows up without touching it.
    '<meta http-equiv="refresh" content="5">',
    '<link rel="icon" href="data:,">',
    '<title>Posta ricevuta (sviluppo)</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<h1>Posta ricevuta (sviluppo)</h1>',
    `<p class="info">Tutte le e-mail inviate da RTD Hub a <code>${escapeHtml(smtpUrl)}</code> finiscono qui e non ` +
      'raggiungono nessuno. La pagina si aggiorna ogni 5 secondi; i messaggi sono anche in ' +
      '<a href="/messages.json">/messages.json</a>.</p>',
    `<p>${count}</p>`,
    mails.length > 0
      ? '<form method="post" action="/clear"><button type="submit">Svuota la casella</button></form>'
      : '',
    ...newestFirst.map(renderMail),
    '</body>',
    '</html>',
  ].join('\n');
}

function renderMail(mail: ReceivedMail): string {
  const rows: [string, string | null][] = [
    ['Da', mail.from ?? mail.envelope.from],
    ['A', mail.to ?? mail.envelope.to.join(', ')],
    ['Destinatari (SMTP)', mail.envelope.to.join(', ')],
    ['Ricevuto', formatItalianDateTime(mail.receivedAt)],
    ['Message-ID', mail.messageId],
  ];
  return [
    `<article id="mail-${mail.id}">`,
    `<h2>${mail.subject ? escapeHtml(mail.subject) : '<em>(senza oggetto)</em>'}</h2>`,
    '<dl>',
    ...rows
      .filter((row): row is [string, string] => row[1] !== null && row[1] !== '')
      .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`),
    '</dl>',
    mail.text !== null
      ? `<pre>${escapeHtml(mail.text)}</pre>`
      : '<p><em>Il messaggio non ha una parte di solo testo.</em></p>',
    mail.html !== null
      ? // sandbox without allow-scripts: the HTML version is shown as a mail client would, scripts inert.
        `<details><summary>Versione HTML</summary><iframe sandbox title="Versione HTML" srcdoc="${escapeHtml(mail.html)}"></iframe></details>`
      : '',
    `<details><summary>Sorgente</summary><pre>${escapeHtml(mail.raw)}</pre></details>`,
    '</article>',
  ].join('\n');
}

const STYLE = `
body { font-family: system-ui, Arial, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; }
.info { color: #555; }
article { border: 1px solid #ccc; border-radius: 6px; padding: 1rem 1.2rem; margin: 1.2rem 0; }
article h2 { font-size: 1.15rem; margin: 0 0 0.6rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0 0 0.8rem; font-size: 0.9rem; }
dt { color: #555; }
dd { margin: 0; word-break: break-all; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: 0.8rem; border-radius: 4px; font-size: 0.9rem; }
iframe { width: 100%; height: 28rem; border: 1px solid #ddd; }
summary { cursor: pointer; color: #0066cc; margin: 0.4rem 0; }
`;
