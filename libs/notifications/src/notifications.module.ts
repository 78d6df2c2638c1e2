import { Module } from '@nestjs/common';
import { Mailer } from './mailer';

/** Needs APP_CONFIG, which the global ConfigModule of every application provides. */
@Module({
  providers: [Mailer],
  exports: [Mailer],
})
export class NotificationsModule {}
