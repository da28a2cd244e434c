async function drain(): Promise<void> {}

// A scheduled function without parameters: CDK names it, so it is a handler.
export const handler = async () => {
  drain();
};
