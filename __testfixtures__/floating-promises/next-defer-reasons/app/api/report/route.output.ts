import { loadStock, track } from "../../../lib/analytics";
import { after } from "next/server";

export async function POST(request: Request) {
  const ids = (await request.json()) as string[];
  const counts: number[] = [];
  for (const id of ids) {
    await loadStock(id).then((n) => counts.push(n));
  }
  let label = "first";
  await track(label);
  label = "second";
  await track(await request.text());
  for (var i = 0; i < ids.length; i++) {
    await track(ids[i]);
  }
  after(() => track("report"));
  return Response.json({ counts, label });
}
