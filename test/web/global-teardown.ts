import { destroyStack, takeStack } from './support/stack';

/** Stops the demo that global-setup started (it stops its children in order), then drops its data. */
export default async function globalTeardown(): Promise<void> {
  const stack = takeStack();
  if (stack) await destroyStack(stack);
}
