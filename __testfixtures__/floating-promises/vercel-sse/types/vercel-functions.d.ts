// @vercel/functions' waitUntil, as the package declares it.
export declare function waitUntil(promise: Promise<unknown>): void;
