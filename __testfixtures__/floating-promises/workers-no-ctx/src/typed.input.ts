import { logRequest } from "./telemetry";

interface Env {
  API_TOKEN: string;
}

export default {
  fetch(request) {
    logRequest(request.url);
    return new Response("ok");
  },
} satisfies ExportedHandler<Env>;
