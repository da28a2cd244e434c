/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  app() {
    return { name: "shop", home: "aws" };
  },
  async run() {
    new sst.aws.Function("Orders", { handler: "packages/functions/src/orders.handler" });
    const api = new sst.aws.ApiGatewayV2("Api");
    api.route("GET /time", "packages/functions/src/time.main");
  },
});
