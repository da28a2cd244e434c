export declare function track(event: string): Promise<void>;
export declare function saveVisit(path: string): Promise<number>;
export declare const audit: { write(entry: string): Promise<void> };
