import type { APIGatewayProxyHandler } from "aws-lambda";

async function save(id: string): Promise<string> {
  return id;
}

function audit(strings: TemplateStringsArray, ...values: unknown[]): Promise<void> {
  return Promise.resolve(void [strings, values]);
}

/** A thenable whose `then` takes a number, not a callback: awaiting it would not wait, so it is left alone. */
class Counter {
  then(step: number): number {
    return step;
  }
}

type Jobs = Promise<string>[] & { readonly kind: "jobs" };

export const handler: APIGatewayProxyHandler = async (event) => {
  const id = event.pathParameters?.id ?? "none";
  const pending = { write: save(id) };
  const queue = [save("a"), save("b")];
  const jobs = [save("c")] as Jobs;
  const later: Promise<string>[] | undefined = event.body ? [save("d")] : undefined;
  const counter = new Counter();
  const flag = event.httpMethod === "POST";
  pending.write;
  queue[0];
  later?.[0];
  [save("e"), save("f")];
  [save("g")] as const;
  jobs;
  later;
  flag ? save("h") : save("i");
  flag && save("j");
  console.log("start"), save("k");
  audit`${id}`;
  (pending.write as Promise<unknown>);
  await queue;
  counter;
  return { statusCode: 200, body: id };
};
