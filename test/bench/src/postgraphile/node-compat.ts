/**
 * PostGraphile 5 (grafast, @dataplan/pg, grafserv) requires Node 22 and calls
 * `Promise.withResolvers`, which Node 20 lacks: without it every list PostGraphile resolves
 * fails ("Cannot read properties of undefined (reading 'items')"). Where the runtime is older,
 * the bench's PostGraphile process gets this small equivalent, before PostGraphile loads.
 */
interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

const PromiseWith = Promise as unknown as { withResolvers?: <T>() => Resolvers<T> };
if (typeof PromiseWith.withResolvers !== 'function') {
  PromiseWith.withResolvers = function withResolvers<T>(): Resolvers<T> {
    let resolve!: Resolvers<T>['resolve'];
    let reject!: Resolvers<T>['reject'];
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

export {};
