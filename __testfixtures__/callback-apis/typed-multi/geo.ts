/** A node-style client whose callback has several results. */
export interface Geo {
  origin: string;
  locate(id: string, cb: (err: Error | null, lat: number, lng: number, source?: string) => void): void;
}

export declare const geo: Geo;

export declare function measure(path: string, cb: (err: NodeJS.ErrnoException | null, size: number, lines: number) => void): void;
