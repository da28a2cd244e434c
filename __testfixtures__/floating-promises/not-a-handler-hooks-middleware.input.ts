// Hooks, web middleware and constructors named like handlers: none of them is a Lambda handler.
async function track(what: unknown): Promise<void> {}

export function useClickHandler(target: string) {
  track(target);
  return () => track(`clicked ${target}`);
}

export const useSubmitHandler = (form: { id: string }) => {
  track(form.id);
};

// Express error middleware.
export function errorHandler(err: Error, req: unknown, res: { status(code: number): void }, next: () => void) {
  track(err);
  res.status(500);
}

// Koa error middleware.
export const koaErrorHandler = async (ctx: { status: number }, next: () => Promise<void>) => {
  track(ctx);
  await next();
};

export class RequestHandler {
  constructor(private readonly name: string) {
    track(name);
  }

  handle(event: unknown) {
    track(event);
  }
}

export function LegacyHandler(this: { name: string }, name: string) {
  this.name = name;
  track(name);
}
