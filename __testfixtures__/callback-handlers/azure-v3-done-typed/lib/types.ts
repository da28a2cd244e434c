// The v3 model's types of @azure/functions 3.x, as far as these functions use them.
export interface Context {
  invocationId: string;
  bindings: { [key: string]: any };
  res?: { [key: string]: any };
  log: (...args: unknown[]) => void;
  done(err?: Error | string | null, result?: any): void;
}
export interface HttpRequest {
  query: { [key: string]: string };
  params: { [key: string]: string };
  body?: any;
}
export type AzureFunction = (context: Context, ...args: any[]) => Promise<any> | void;
