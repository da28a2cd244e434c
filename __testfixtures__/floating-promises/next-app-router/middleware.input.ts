import { NextResponse } from "next/server";
import { track } from "./lib/analytics";

export function middleware(request: Request) {
  track("visit", { path: new URL(request.url).pathname });
  return NextResponse.next();
}
