import { NextResponse, after } from "next/server";
import { track } from "@/lib/analytics";

export function makeHandler(resource: string) {
  return async (request: Request) => {
    after(() => track(`${resource}_read`, { path: new URL(request.url).pathname }));
    return NextResponse.json({ resource });
  };
}
