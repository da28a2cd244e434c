import { NextResponse } from "next/server";
import { track } from "@/lib/analytics";

export function proxy(request: Request) {
  track("visit", { path: new URL(request.url).pathname });
  return NextResponse.next();
}

export const config = { matcher: "/shop/:path*" };
