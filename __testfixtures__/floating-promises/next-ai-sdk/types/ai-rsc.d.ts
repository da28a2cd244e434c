// ai/rsc as the AI SDK declares it (the streamables' update methods return the streamable itself).
export interface StreamableUIWrapper {
  readonly value: unknown;
  update(value: unknown): StreamableUIWrapper;
  append(value: unknown): StreamableUIWrapper;
  done(...args: [unknown] | []): StreamableUIWrapper;
  error(error: unknown): StreamableUIWrapper;
}
export declare function createStreamableUI(initialValue?: unknown): StreamableUIWrapper;
