import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { escapeHtml, KIND_RULES, PreferencesService, UNSUBSCRIBE_PATH } from '@rtd/notifications';
import type { TokenCheck } from '@rtd/notifications';
import { clientAddress } from './graphql-gate.middleware';
import { GraphqlRateLimiter, rateLimitedMessage } from './graphql-rate-limiter';

/**
 * The one-click unsubscribe of every mail (RFC 8058), without login: the signed, expiring token
 * names the person and the kind. POST (the mail client's one click, or the page's button) turns
 * the kind off; GET only shows a page with that button, so a mail scanner following links
 * unsubscribes no one.
 */
@Controller(UNSUBSCRIBE_PATH.slice(1))
export class UnsubscribeController {
  constructor(
    private readonly preferences: PreferencesService,
    private readonly limiter: GraphqlRateLimiter,
  ) {}

  private async admitted(req: Request, res: Response): Promise<boolean> {
    res.setHeader('Cache-Control', 'no-store');
    const verdict = await this.limiter.hit('address', clientAddress(req));
    if (verdict.allowed) return true;
    res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
    res.status(429).type('text/plain; charset=utf-8').send(rateLimitedMessage(verdict.retryAfterSeconds));
    return false;
  }

  @Get()
  async page(@Query('token') token: string | undefined, @Req() req: Request, @Res() res: Response) {
    if (!(await this.admitted(req, res))) return;
    const check = this.preferences.check(String(token ?? ''));
    if (!check.ok) return refused(res, check);
    const label = KIND_RULES[check.token.kind].label;
    const action = `${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(String(token))}`;
    res
      .status(200)
      .type('html')
      .send(
        page(
          'Disattivare questi avvisi?',
          `<p>Non riceverà più per e-mail gli avvisi «${escapeHtml(label)}» di RTD Hub.</p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" style="font-size:16px;padding:0.5em 1.2em;background:#0066cc;color:#fff;border:0;border-radius:4px">Conferma: non voglio più riceverli</button>
</form>
<p>Può riattivarli quando vuole nella pagina <a href="/notifiche">Notifiche</a> di RTD Hub.</p>`,
        ),
      );
  }

  @Post()
  async unsubscribe(@Query('token') token: string | undefined, @Req() req: Request, @Res() res: Response) {
    if (!(await this.admitted(req, res))) return;
    const check = await this.preferences.unsubscribe(String(token ?? ''));
    if (!check.ok) return refused(res, check);
    res
      .status(200)
      .type('html')
      .send(
        page(
          'Avvisi disattivati',
          `<p>Da ora non riceverà più per e-mail gli avvisi «${escapeHtml(KIND_RULES[check.token.kind].label)}».</p>
<p>Può riattivarli quando vuole nella pagina <a href="/notifiche">Notifiche</a> di RTD Hub.</p>`,
        ),
      );
  }
}

function refused(res: Response, check: Extract<TokenCheck, { ok: false }>): void {
  const expired = check.reason === 'expired';
  res
    .status(expired ? 410 : 400)
    .type('html')
    .send(
      page(
        expired ? 'Collegamento scaduto' : 'Collegamento non valido',
        `<p>${
          expired
            ? 'Il collegamento per disattivare gli avvisi è scaduto.'
            : 'Il collegamento per disattivare gli avvisi non è valido.'
        } Può scegliere quali avvisi ricevere nella pagina <a href="/notifiche">Notifiche</a> di RTD Hub.</p>`,
      ),
    );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="it">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – RTD Hub</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:40em;margin:2em auto;padding:0 1em">
<main><h1 style="font-size:1.6em">${escapeHtml(title)}</h1>
${body}</main>
</body>
</html>`;
}
