export declare function resize(key: string): Promise<string>;
