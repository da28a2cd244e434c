import { orders } from "@acme/core";

// A Lambda handler of one package calls into another package (its own tsconfig).
export const handler = async (event: { body: string }) => {
  await orders.record(JSON.parse(event.body));
  return { statusCode: 201 };
};
