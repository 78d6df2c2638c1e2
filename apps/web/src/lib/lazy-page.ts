import { createElement, lazy, type ComponentType, type ReactElement } from 'react';

/**
 * A page loaded on demand, like React.lazy, that renders directly once its chunk is in. React.lazy
 * suspends on its first render even when the chunk has already arrived, and React then holds the
 * revealed page back for its fallback throttle (300 ms): a page whose chunk was asked early
 * (`preload`) would pay that wait for nothing.
 */
export function lazyPage<P extends object>(
  load: () => Promise<ComponentType<P>>,
  preload = false,
): ((props: P) => ReactElement) & { preload: () => void } {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  const start = () =>
    (pending ??= load().then(
      (component) => {
        loaded = component;
        return { default: component };
      },
      (error: unknown) => {
        pending = null; // a later render may try again
        throw error;
      },
    ));
  const Lazy = lazy(start);
  const Page = (props: P) => createElement((loaded ?? Lazy) as ComponentType<P>, props);
  const warm = () => void start().catch(() => undefined);
  if (preload) warm();
  return Object.assign(Page, { preload: warm });
}
