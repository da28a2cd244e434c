export { GET, POST } from "@/lib/route-handlers";
