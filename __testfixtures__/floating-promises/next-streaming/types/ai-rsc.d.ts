export interface StreamableValueWrapper<T> {
  readonly value: unknown;
  update(value: T): StreamableValueWrapper<T>;
  append(value: T): StreamableValueWrapper<T>;
  done(value?: T): StreamableValueWrapper<T>;
  error(error: unknown): StreamableValueWrapper<T>;
}
export declare function createStreamableValue<T = unknown>(initialValue?: T): StreamableValueWrapper<T>;
