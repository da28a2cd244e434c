import { makeHandler } from "@/lib/make-handler";

export const GET = makeHandler("items");
