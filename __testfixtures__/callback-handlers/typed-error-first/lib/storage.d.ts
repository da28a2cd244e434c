// Typed as the AWS SDK v2 types its callbacks: `err` is not nullable, yet it is null on success.
export interface StorageError extends Error {
  code: string;
}
export declare function getObject(key: string, callback: (err: StorageError, data: { Body: string }) => void): void;
