// `export const handler = makeHandler(deps)`: a project function that returns the handler, and a
// project wrapper that returns one calling the function it is handed.
interface Deps {
  save(id: string): Promise<void>;
}

async function notify(id: string): Promise<void> {}

function makeHandler(deps: Deps) {
  return async (event: { id: string }) => {
    deps.save(event.id);
    return { statusCode: 202 };
  };
}

const withLogging = (fn: (event: { id: string }) => Promise<unknown>) => async (event: { id: string }) => {
  notify(`start:${event.id}`);
  return fn(event);
};

async function process(event: { id: string }) {
  notify(event.id);
  return { ok: true };
}

export const handler = makeHandler({ save: async () => {} });
export const processHandler = withLogging(process);
