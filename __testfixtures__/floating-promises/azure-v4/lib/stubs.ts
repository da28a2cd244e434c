export declare function track(name: string, id?: string): Promise<void>;
export declare function save<T>(item: T): Promise<T>;
export declare function notify(to: string): Promise<void>;
