import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { currentLogContext, metrics } from '@rtd/kernel';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from './notifications.config';

export interface OutgoingMail {
  /** An address, optionally with a display name: `Anna Moretti <anna.moretti@comune.crema.cr.it>`. */
  to: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * Stable for the fact being notified, e.g. `<assignment-review-<uuid>@rtdhub>`: when a job is
   * retried after a send whose acknowledgement was lost, the relay and the recipient's client see
   * the same Message-ID and can tell it is the same mail.
   */
  messageId: string;
  /** Extra headers, e.g. the one-click unsubscribe (List-Unsubscribe, List-Unsubscribe-Post: RFC 8058). */
  headers?: Record<string, string>;
}

/**
 * The only way mail leaves RTD Hub. Errors are not caught here: the background job that calls
 * `send` owns retries and backoff, and swallowing a failure would lose the notification.
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo, SMTPTransport.Options>;
  private readonly logger = new Logger(Mailer.name);

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: Pick<NotificationsConfig, 'smtpUrl' | 'mailFrom'>,
  ) {
    this.transport = createTransport({
      url: config.smtpUrl,
      // nodemailer's defaults (up to 10 minutes) would hold a worker slot for long against a dead
      // relay; failing fast lets the job retry with backoff instead. Query parameters of SMTP_URL
      // still override these.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      // Contents are built from user-provided text: never let them make nodemailer read files or URLs.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  /**
   * Counted in rtd_mails_total and logged (message id, never the address) with the job's log
   * context, whose request id also goes in the mail's X-Request-Id header: the request, the job
   * and the mail are found by one id.
   */
  async send(mail: OutgoingMail): Promise<void> {
    const requestId = currentLogContext()?.requestId;
    try {
      await this.deliver(mail, requestId);
    } catch (error) {
      metrics.mail('failed');
      this.logger.warn({ messageId: mail.messageId }, `mail not sent: ${(error as Error).message}`);
      throw error;
    }
    metrics.mail('sent');
    this.logger.log({ messageId: mail.messageId }, 'mail sent');
  }

  private async deliver(mail: OutgoingMail, requestId: string | undefined): Promise<void> {
    await this.transport.sendMail({
      from: this.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html === undefined ? {} : { html: mail.html }),
      messageId: mail.messageId,
      headers: {
        // RFC 3834: out-of-office replies and similar auto-responders must not answer notifications.
        'Auto-Submitted': 'auto-generated',
        'X-Auto-Response-Suppress': 'All',
        'Content-Language': 'it',
        ...(requestId ? { 'X-Request-Id': requestId } : {}),
        ...mail.headers,
      },
    });
  }

  close(): void {
    this.transport.close();
  }

  onModuleDestroy(): void {
    this.close();
  }
}
