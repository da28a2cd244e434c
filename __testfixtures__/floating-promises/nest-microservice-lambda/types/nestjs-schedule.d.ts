// The decorators these fixtures use, with @nestjs/schedule's signatures.
export declare function Cron(cronTime: string | Date, options?: { name?: string; timeZone?: string }): MethodDecorator;
export declare function Interval(timeout: number): MethodDecorator;
export declare function Interval(name: string, timeout: number): MethodDecorator;
export declare function Timeout(timeout: number): MethodDecorator;
export declare function Timeout(name: string, timeout: number): MethodDecorator;
export declare enum CronExpression {
  EVERY_HOUR = "0 0-23/1 * * *",
}
