import { track } from "../../../lib/analytics";
import { waitUntil } from "@vercel/functions";

export async function POST(request: Request) {
  const { event } = (await request.json()) as { event: string };
  waitUntil(track(event));
  return Response.json({ tracked: event });
}
