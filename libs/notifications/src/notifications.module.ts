import { Module } from '@nestjs/common';
import { Mailer } from './mailer';
import { NotificationsConfigModule } from './notifications.config';

/**
 * Needs APP_CONFIG, which the global ConfigModule of every application provides; brings the
 * notifications' own settings (NotificationsConfigModule) to the modules that import it.
 */
@Module({
  imports: [NotificationsConfigModule],
  providers: [Mailer],
  exports: [Mailer, NotificationsConfigModule],
})
export class NotificationsModule {}
