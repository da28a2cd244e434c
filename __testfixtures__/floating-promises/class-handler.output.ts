import type { Context } from "aws-lambda";

// The AWS Lambda Powertools style: a class implements LambdaInterface, its handler method is decorated,
// and the module exports the method bound to an instance.
interface LambdaInterface {
  handler(event: unknown, context: Context): Promise<unknown>;
}

declare const tracer: { captureLambdaHandler(): (value: unknown, context: ClassMethodDecoratorContext) => void };

async function publish(topic: string): Promise<void> {}

class Lambda implements LambdaInterface {
  @tracer.captureLambdaHandler()
  public async handler(event: { id: string }, context: Context): Promise<string> {
    await this.audit(event.id);
    await publish("seen");
    return event.id;
  }

  private async audit(id: string): Promise<void> {
    await publish(`audit:${id}`);
  }

  // Not reached from the handler: left alone.
  public async warm(): Promise<void> {
    publish("warm");
  }
}

const instance = new Lambda();
export const handler = instance.handler.bind(instance);
