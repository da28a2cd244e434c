// The decorators these fixtures use, with @nestjs/common's signatures.
export declare function Controller(prefix?: string | string[]): ClassDecorator;
export declare function Injectable(): ClassDecorator;
export declare const Get: (path?: string | string[]) => MethodDecorator;
export declare const Post: (path?: string | string[]) => MethodDecorator;
export declare function Body(property?: string): ParameterDecorator;
export declare function Param(property?: string): ParameterDecorator;
