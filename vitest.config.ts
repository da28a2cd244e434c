import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Most test time is spent waiting on child processes (the CLI, tsc): two workers use both cores.
    maxWorkers: 2,
  },
});
