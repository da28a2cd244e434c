// The decorators these fixtures use, with @nestjs/microservices' signatures.
export declare function MessagePattern(metadata?: string | object): MethodDecorator;
export declare function EventPattern(metadata?: string | object): MethodDecorator;
export declare function Payload(property?: string): ParameterDecorator;
