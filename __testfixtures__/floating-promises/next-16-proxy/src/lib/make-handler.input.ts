import { NextResponse } from "next/server";
import { track } from "@/lib/analytics";

export function makeHandler(resource: string) {
  return async (request: Request) => {
    track(`${resource}_read`, { path: new URL(request.url).pathname });
    return NextResponse.json({ resource });
  };
}
