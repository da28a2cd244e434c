import { after, NextResponse } from "next/server";
import { track } from "../../../lib/analytics";

export async function POST(request: Request) {
  const { event } = (await request.json()) as { event: string };
  after(() => track(event));
  after(track("eager"));
  after(async () => {
    await track("first");
    await track("second");
  });
  return NextResponse.json({ tracked: event });
}
