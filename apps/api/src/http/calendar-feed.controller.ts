import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CalendarFeedReader } from '@rtd/calendar';
import { clientAddress } from './graphql-gate.middleware';
import { GraphqlRateLimiter, rateLimitedMessage } from './graphql-rate-limiter';

/**
 * GET /calendar/<token>.ics: a person's calendar feed (docs/calendar.md), without login: the
 * secret in the URL is the credential, as calendar applications need. An unknown, replaced or
 * malformed token answers 404 with the same body, whatever the reason. Counted against the
 * address's request limit; never cached by a proxy.
 */
@Controller('calendar')
export class CalendarFeedController {
  constructor(
    private readonly feeds: CalendarFeedReader,
    private readonly limiter: GraphqlRateLimiter,
  ) {}

  @Get(':file')
  async feed(@Param('file') file: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'private, no-store, max-age=0');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
    const verdict = await this.limiter.hit('address', clientAddress(req));
    if (!verdict.allowed) {
      res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
      res.status(429).json({ error: rateLimitedMessage(verdict.retryAfterSeconds) });
      return;
    }
    const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : file;
    const text = await this.feeds.read(token);
    if (text === null) {
      res.status(404).json({ error: 'Calendario non trovato' });
      return;
    }
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', 'inline; filename="rtd-hub-scadenze.ics"');
    res.status(200).send(text);
  }
}
