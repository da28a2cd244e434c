import * as path from "node:path";
import { Stack, type StackProps } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import type { Construct } from "constructs";

// The stack names the handlers: settle reads the strings, it never runs this program.
export class AppStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    new lambda.Function(this, "Legacy", {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: "index.main",
      code: lambda.Code.fromAsset("lambda"),
    });
    new NodejsFunction(this, "Api", { entry: path.join(__dirname, "../functions/api.ts"), handler: "run" });
    // No entry: CDK takes stack.worker.ts beside this file, export `handler`.
    new NodejsFunction(this, "worker");
  }
}
