import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DELIVERIES, NOTIFICATION_KINDS } from './notification-kinds';
import type { Delivery, NotificationKind } from './notification-kinds';

export const NotificationKindEnum = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, k])) as {
  [K in NotificationKind]: K;
};
registerEnumType(NotificationKindEnum, {
  name: 'NotificationKind',
  description: 'A kind of e-mail a person chooses how to receive (docs/notifications.md)',
});

export const NotificationDeliveryEnum = Object.fromEntries(DELIVERIES.map((d) => [d, d])) as {
  [D in Delivery]: D;
};
registerEnumType(NotificationDeliveryEnum, {
  name: 'NotificationDelivery',
  description: 'IMMEDIATE: at once; DIGEST: in the daily summary; OFF: not at all',
});

@ObjectType('NotificationPreference', { description: "The caller's choice for one kind of e-mail" })
export class NotificationPreferenceObject {
  @Field(() => NotificationKindEnum)
  kind: NotificationKind;

  @Field({ description: 'The kind, in Italian, as the Notifiche page shows it' })
  label: string;

  @Field()
  description: string;

  @Field(() => NotificationDeliveryEnum)
  delivery: Delivery;

  @Field(() => [NotificationDeliveryEnum], { description: 'The choices this kind allows' })
  allowedDeliveries: Delivery[];

  @Field({ description: 'False while the caller keeps the default' })
  chosen: boolean;
}
