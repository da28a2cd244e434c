// A public CLI's runtime factory: named like a handler, but it takes no parameters and returns an
// object of functions. It is no Lambda handler, and the work its methods start is not settle's.
export interface RuntimeHandler {
  startWorker(input: string): Promise<void>;
}

async function spawn(input: string): Promise<void> {}

export const useNodeHandler = (): RuntimeHandler => ({
  startWorker: async (input) => {
    spawn(input);
  },
});

export function createHandler(): RuntimeHandler {
  return {
    async startWorker(input) {
      spawn(input);
    },
  };
}

export const makeQueueHandler = (queue: string) => async (input: string) => {
  spawn(`${queue}:${input}`);
};

export function formatHandler(name: string): string {
  spawn(name);
  return name.toUpperCase();
}
