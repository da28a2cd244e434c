import type { APIGatewayProxyHandler } from "aws-lambda";

async function save(id: string): Promise<string> {
  return id;
}

declare function batch(many: boolean): Promise<string> | Promise<string>[];

/** A type parameter constrained to an array of promises is one for Promise.all. */
async function settleAll<T extends Promise<string>[]>(jobs: T, more: T | undefined): Promise<void> {
  await Promise.all(jobs);
  await Promise.all(more ?? []);
}

/** An async generator that is sent promises: the value a yield receives is awaited where it stands. */
async function* consume(): AsyncGenerator<number, void, Promise<string>> {
  await (yield 1);
}

/** A plain generator cannot await what it receives: reported. */
function* plain(): Generator<number, void, Promise<string>> {
  yield 2;
}

export const handler: APIGatewayProxyHandler = async (event) => {
  const id = event.pathParameters?.id ?? "none";
  const flag = event.httpMethod === "POST";
  (console.log("start"), await save("a"));
  await /* fire and forget */ save("b");
  await Promise.all([batch(flag)].flat());
  const pending = batch(!flag);
  flag && await save("c");
  flag ? await save("d") : console.log("no d");
  await Promise.all([1, save("e")]);
  await settleAll([save("f")], undefined);
  for await (const n of consume()) console.log(n);
  plain().next();
  await Promise.all([pending].flat());
  return { statusCode: 200, body: id };
};
