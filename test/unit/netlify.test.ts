import { describe, expect, it } from "vitest";
import { functionFileKind, readNetlifyDirs } from "../../src/handlers/netlify.js";

describe("netlify.toml folders", () => {
  it("defaults to netlify/functions and netlify/edge-functions", () => {
    expect(readNetlifyDirs(undefined)).toEqual({ functions: "netlify/functions", edgeFunctions: "netlify/edge-functions" });
    expect(readNetlifyDirs("[build]\n  publish = 'dist'\n")).toEqual({ functions: "netlify/functions", edgeFunctions: "netlify/edge-functions" });
  });

  it("reads [functions] directory, the older [build] functions and [build] edge_functions, ignoring comments and other tables", () => {
    const toml = [
      "# site",
      "[build]",
      '  functions = "legacy-fns"',
      "  edge_functions = 'edge'",
      "[functions]",
      '  directory = "api" # where they live',
      '[[redirects]]',
      '  directory = "not-this"',
    ].join("\r\n");
    expect(readNetlifyDirs(toml)).toEqual({ functions: "api", edgeFunctions: "edge" });
  });
});

describe("function files", () => {
  const dirs = { functions: "netlify/functions", edgeFunctions: "netlify/edge-functions" };
  it("are the folder's files, a subfolder's index or the file named after its subfolder", () => {
    expect(functionFileKind("netlify/functions/orders.ts", dirs)).toBe("function");
    expect(functionFileKind("netlify/functions/orders.mts", dirs)).toBe("function");
    expect(functionFileKind("netlify/functions/hello/index.js", dirs)).toBe("function");
    expect(functionFileKind("netlify/functions/hello/hello.ts", dirs)).toBe("function");
    expect(functionFileKind("netlify/edge-functions/geo.ts", dirs)).toBe("edge");
  });

  it("are not shared modules, nested folders or files elsewhere", () => {
    expect(functionFileKind("netlify/functions/_shared/db.ts", dirs)).toBeUndefined();
    expect(functionFileKind("netlify/functions/a/b/index.ts", dirs)).toBeUndefined();
    expect(functionFileKind("netlify/functions/data.json", dirs)).toBeUndefined();
    expect(functionFileKind("src/netlify/functions/x.ts", dirs)).toBeUndefined();
    expect(functionFileKind("api/x.ts", { ...dirs, functions: "./api/" })).toBe("function");
  });
});
