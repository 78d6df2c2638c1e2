import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@rtd/kernel';
import type { Delivery, NotificationKind } from './notification-kinds';
import {
  NotificationDeliveryEnum,
  NotificationKindEnum,
  NotificationPreferenceObject,
} from './notification-preference.types';
import { PreferencesService } from './preferences.service';

@Resolver(() => NotificationPreferenceObject)
export class PreferencesResolver {
  constructor(private readonly preferences: PreferencesService) {}

  @Query(() => [NotificationPreferenceObject], {
    description: "The caller's choice for each kind of e-mail (the Notifiche page); defaults until chosen",
  })
  notificationPreferences(@Ctx() ctx: RequestContext): Promise<NotificationPreferenceObject[]> {
    return this.preferences.list(ctx);
  }

  @Mutation(() => NotificationPreferenceObject, {
    description: 'How the caller receives one kind of e-mail: at once, in the daily summary, or not at all',
  })
  setNotificationPreference(
    @Ctx() ctx: RequestContext,
    @Args('kind', { type: () => NotificationKindEnum }) kind: NotificationKind,
    @Args('delivery', { type: () => NotificationDeliveryEnum }) delivery: Delivery,
  ): Promise<NotificationPreferenceObject> {
    return this.preferences.set(ctx, kind, delivery);
  }
}
