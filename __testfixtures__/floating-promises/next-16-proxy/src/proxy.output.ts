import { NextResponse, after } from "next/server";
import { track } from "@/lib/analytics";

export function proxy(request: Request) {
  after(() => track("visit", { path: new URL(request.url).pathname }));
  return NextResponse.next();
}

export const config = { matcher: "/shop/:path*" };
