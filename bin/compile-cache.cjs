"use strict";
// Node.js before 22.1 has no module.enableCompileCache(): every run compiles TypeScript's 9 MB of
// JavaScript (ts-morph's bundle) again, some 150-250 ms of a run on a 2-core machine. This keeps V8's
// code cache of the largest CommonJS files settle loads (the bundles of ts-morph and TypeScript) in
// the temp folder, as Node.js 22's compile cache does: written once, at the exit of the run that
// compiled them (with the functions that run compiled), and read by the runs after. V8 checks the
// cache against the source and its own version and flags, and compiles afresh when it does not
// match. NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node's own.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const vm = require("node:vm");
const crypto = require("node:crypto");
const Module = require("node:module");

/** Files at least this large are cached: the bundles, not the many small modules (each cache file costs a read). */
const MIN_BYTES = 500_000;

function install() {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return;
  // The temp folder is shared: the cache is this user's folder, which no one else can write (V8 trusts
  // the code in a cache that matches the source), and is not used when it is anything else.
  const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
  const root = path.join(os.tmpdir(), uid === undefined ? "settle-compile-cache" : `settle-compile-cache-${uid}`);
  const dir = path.join(root, `${process.version}-${process.arch}`);
  const ours = () => {
    try {
      const stat = fs.lstatSync(root);
      return stat.isDirectory() && (uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0));
    } catch {
      return false;
    }
  };
  let usable = ours();
  const originalCompile = Module.prototype._compile;
  /** Scripts compiled without a usable cache: their cache is written when the process exits. */
  const toWrite = [];
  Module.prototype._compile = function compile(content, filename) {
    if (typeof content !== "string" || content.length < MIN_BYTES || !filename.includes(`${path.sep}node_modules${path.sep}`)) {
      return originalCompile.call(this, content, filename);
    }
    const key = crypto.createHash("sha1").update(filename).update("\0").update(content).digest("hex");
    const cacheFile = path.join(dir, `${key}.bin`);
    let cachedData;
    try {
      cachedData = usable ? fs.readFileSync(cacheFile) : undefined;
    } catch {
      cachedData = undefined;
    }
    let script;
    try {
      script = new vm.Script(Module.wrap(content), { filename, cachedData });
    } catch {
      return originalCompile.call(this, content, filename);
    }
    if (!cachedData || script.cachedDataRejected) toWrite.push({ script, cacheFile });
    const wrapper = script.runInThisContext({ displayErrors: true });
    const module = this;
    const require = (id) => module.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
    require.main = process.mainModule;
    require.extensions = Module._extensions;
    require.cache = Module._cache;
    return wrapper.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
  };
  process.once("exit", () => {
    if (toWrite.length === 0) return;
    try {
      fs.mkdirSync(root, { mode: 0o700 });
    } catch {
      // There already, or not to be made.
    }
    if (!(usable ||= ours())) return;
    for (const { script, cacheFile } of toWrite) {
      try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        const temp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(temp, script.createCachedData());
        fs.renameSync(temp, cacheFile);
      } catch {
        // A read-only or full temp folder: the next run compiles as this one did.
      }
    }
  });
}

install();
