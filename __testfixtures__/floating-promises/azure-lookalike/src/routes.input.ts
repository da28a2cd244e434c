import { app, track } from "./server.js";

// Looks like a v4 registration, but `app` is not @azure/functions' app: not an Azure Function.
app.http("report", {
  handler: async () => {
    track("report");
  },
});
