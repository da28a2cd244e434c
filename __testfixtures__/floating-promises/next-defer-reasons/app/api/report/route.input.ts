import { loadStock, track } from "../../../lib/analytics";

export async function POST(request: Request) {
  const ids = (await request.json()) as string[];
  const counts: number[] = [];
  for (const id of ids) {
    loadStock(id).then((n) => counts.push(n));
  }
  let label = "first";
  track(label);
  label = "second";
  track(await request.text());
  for (var i = 0; i < ids.length; i++) {
    track(ids[i]);
  }
  track("report");
  return Response.json({ counts, label });
}
