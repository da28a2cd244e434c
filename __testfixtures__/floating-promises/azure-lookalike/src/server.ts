// An application object of the project's own, named like Azure's.
export const app = {
  http(name: string, options: { handler: () => Promise<void> }): void {
    void name;
    void options;
  },
};

export declare function track(name: string): Promise<void>;
