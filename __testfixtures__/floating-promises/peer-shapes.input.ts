import type { APIGatewayProxyHandler } from "aws-lambda";

async function save(id: string): Promise<string> {
  return id;
}

declare function batch(many: boolean): Promise<string> | Promise<string>[];

/** A type parameter constrained to an array of promises is one for Promise.all. */
async function settleAll<T extends Promise<string>[]>(jobs: T, more: T | undefined): Promise<void> {
  jobs;
  more;
}

/** An async generator that is sent promises: the value a yield receives is awaited where it stands. */
async function* consume(): AsyncGenerator<number, void, Promise<string>> {
  yield 1;
}

/** A plain generator cannot await what it receives: reported. */
function* plain(): Generator<number, void, Promise<string>> {
  yield 2;
}

export const handler: APIGatewayProxyHandler = async (event) => {
  const id = event.pathParameters?.id ?? "none";
  const flag = event.httpMethod === "POST";
  (console.log("start"), save("a"));
  void /* fire and forget */ save("b");
  batch(flag);
  const pending = batch(!flag);
  flag && void save("c");
  flag ? void save("d") : console.log("no d");
  [1, void save("e")];
  await settleAll([save("f")], undefined);
  for await (const n of consume()) console.log(n);
  plain().next();
  return { statusCode: 200, body: id };
};
