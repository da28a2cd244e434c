import { track } from "../../../lib/analytics";

export async function POST(request: Request) {
  const { event } = (await request.json()) as { event: string };
  track(event);
  return Response.json({ tracked: event });
}
