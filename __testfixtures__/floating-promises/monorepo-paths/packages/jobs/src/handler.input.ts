import { orders, recordAll } from "@acme/core";

// A second package reaches the same function: core gets one edit, not two.
export const handler = async (event: { Records: { body: string }[] }) => {
  await recordAll(event.Records.map((r) => JSON.parse(r.body)));
  await orders.record({ id: "batch" });
};
