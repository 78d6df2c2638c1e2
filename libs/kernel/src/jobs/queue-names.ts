/** Every BullMQ queue of the product, in one place (producers and the worker agree on names). */
export enum QueueName {
  Heartbeat = 'heartbeat',
}
