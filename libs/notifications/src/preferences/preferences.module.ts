import { Module } from '@nestjs/common';
import { NotificationsConfigModule } from '../notifications.config';
import { PreferencesRepository } from './preferences.repository';
import { PreferencesResolver } from './preferences.resolver';
import { PreferencesService } from './preferences.service';

/** The API's part of notifications: the Notifiche page's preferences and the unsubscribe links. */
@Module({
  imports: [NotificationsConfigModule],
  providers: [PreferencesRepository, PreferencesService, PreferencesResolver],
  exports: [PreferencesService],
})
export class NotificationPreferencesModule {}
