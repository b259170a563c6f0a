/**
 * A module's use-cases are plain functions `(deps, ...args)`, one per file. The app binds each module's
 * set to its dependencies once, instead of a hand-written service whose every method only forwards.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the rest parameters of any use-case
type UseCase<D> = (deps: D, ...args: any[]) => unknown;

export type BoundUseCases<D, F extends Record<string, UseCase<D>>> = {
  [K in keyof F]: F[K] extends (deps: D, ...args: infer A) => infer R ? (...args: A) => R : never;
};

export function bindUseCases<D, F extends Record<string, UseCase<D>>>(deps: D, useCases: F): BoundUseCases<D, F> {
  const bound: Record<string, unknown> = {};
  for (const [name, useCase] of Object.entries(useCases)) bound[name] = (...args: unknown[]) => useCase(deps, ...args);
  return bound as BoundUseCases<D, F>;
}
