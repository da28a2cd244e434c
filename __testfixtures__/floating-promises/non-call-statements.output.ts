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
  await pending.write;
  await queue[0];
  await later?.[0];
  await Promise.all([save("e"), save("f")]);
  await Promise.all([save("g")] as const);
  await Promise.all(jobs);
  await Promise.all(later ?? []);
  await (flag ? save("h") : save("i"));
  await (flag && save("j"));
  console.log("start"), await save("k");
  await audit`${id}`;
  await (pending.write as Promise<unknown>);
  await Promise.all(queue);
  counter;
  return { statusCode: 200, body: id };
};
