/**
 * The cases of test/peer/no-floating-promises.test.ts, written from the patterns of typescript-eslint's
 * no-floating-promises rule tests. A case is handler body lines (wrapped into
 * `export const handler = async (event: { flag: boolean }) => { … return { statusCode: 200 }; }`)
 * after optional top-level declarations, or a whole `source` when the shape needs its own function.
 */
export interface PeerCase {
  name: string;
  prelude?: string;
  body?: string;
  /** A whole file instead of prelude + body. */
  source?: string;
  /** The rewritten body (absent: the body stays as it is). */
  fixed?: string;
  fixedPrelude?: string;
  fixedSource?: string;
  /** [line, reason] of each finding, in order; "checker" stands for CHECKER_FAILED. */
  reports?: Array<[number, string]>;
  /** For a valid peer case that settle changes: why the work still escapes an invocation. */
  why?: string;
}

const ASYNC_FN = "async function returnsPromise(): Promise<string> {\n  return \"value\";\n}";
const MY_PROMISE = "const myPromise = async () => void 0;";

export const INVALID: PeerCase[] = [
  {
    name: "Promise.resolve and its chains without a rejection handler",
    body: `  Promise.resolve("value");
  Promise.resolve("value").then(() => {});
  Promise.resolve("value").catch();
  Promise.resolve("value").finally();
`,
    fixed: `  await Promise.resolve("value");
  await Promise.resolve("value").then(() => {});
  await Promise.resolve("value").catch();
  await Promise.resolve("value").finally();
`,
  },
  {
    name: "Promise.reject and its chains",
    body: `  Promise.reject(new Error("message"));
  Promise.reject(new Error("message")).then(() => {});
  Promise.reject(new Error("message")).finally();
`,
    fixed: `  await Promise.reject(new Error("message"));
  await Promise.reject(new Error("message")).then(() => {});
  await Promise.reject(new Error("message")).finally();
`,
  },
  {
    name: "optional calls through optional chains",
    prelude: `declare const obj1: { a?: { b?: { c?: () => Promise<void> } } };
declare const obj5: { a?: () => { b?: { c?: () => Promise<void> } } };
declare const obj6: { a: { b: { c?: () => Promise<void> } } } | undefined;
declare const callback: (() => Promise<void>) | undefined;`,
    body: `  obj1.a?.b?.c?.();
  obj5.a?.().b?.c?.();
  obj6?.a.b.c?.();
  callback?.();
`,
    fixed: `  await obj1.a?.b?.c?.();
  await obj5.a?.().b?.c?.();
  await obj6?.a.b.c?.();
  await callback?.();
`,
  },
  {
    name: "tagged templates returning a promise, and their chains",
    prelude: "declare const myTag: (strings: TemplateStringsArray) => Promise<void>;",
    body: "  myTag`abc`;\n  myTag`abc`.then(() => {});\n  myTag`abc`.finally(() => {});\n",
    fixed: "  await myTag`abc`;\n  await myTag`abc`.then(() => {});\n  await myTag`abc`.finally(() => {});\n",
  },
  {
    name: "async IIFEs and their chains",
    body: `  (async () => true)();
  (async () => true)().then(() => {});
  (async () => true)().catch();
`,
    fixed: `  await (async () => true)();
  await (async () => true)().then(() => {});
  await (async () => true)().catch();
`,
  },
  {
    name: "a call of a local async function",
    body: `  async function returnsPromise() {}
  returnsPromise();
  returnsPromise().then(() => {});
  returnsPromise().finally();
`,
    fixed: `  async function returnsPromise() {}
  await returnsPromise();
  await returnsPromise().then(() => {});
  await returnsPromise().finally();
`,
  },
  {
    name: "conditional expressions with a promise branch",
    body: `  Math.random() > 0.5 ? Promise.resolve() : null;
  Math.random() > 0.5 ? null : Promise.resolve();
`,
    fixed: `  await (Math.random() > 0.5 ? Promise.resolve() : null);
  await (Math.random() > 0.5 ? null : Promise.resolve());
`,
  },
  {
    name: "comma expressions with a promise operand",
    prelude: ASYNC_FN,
    body: `  (Promise.resolve(), 123);
  (123, Promise.resolve());
  (123, Promise.resolve(), 123);
  (1, returnsPromise());
`,
    fixed: `  (await Promise.resolve(), 123);
  (123, await Promise.resolve());
  (123, await Promise.resolve(), 123);
  (1, await returnsPromise());
`,
  },
  {
    name: "void of a promise (the peer with ignoreVoid: false)",
    prelude: ASYNC_FN,
    body: "  void Promise.resolve();\n  void returnsPromise();\n  void /* ... */ returnsPromise();\n",
    fixed: "  await Promise.resolve();\n  await returnsPromise();\n  await /* ... */ returnsPromise();\n",
  },
  {
    name: "a promise variable, property and new Promise used as statements",
    body: `  const promise = new Promise((resolve) => resolve("value"));
  const obj = { foo: Promise.resolve() };
  promise;
  obj.foo;
  new Promise<void>((resolve) => resolve());
`,
    fixed: `  const promise = new Promise((resolve) => resolve("value"));
  const obj = { foo: Promise.resolve() };
  await promise;
  await obj.foo;
  await new Promise<void>((resolve) => resolve());
`,
  },
  {
    name: "a declared promise value, union and intersection",
    prelude: `declare const promiseValue: Promise<number>;
declare const promiseUnion: Promise<number> | number;
declare const promiseIntersection: Promise<number> & number;`,
    body: `  promiseValue;
  promiseValue.then(() => {});
  promiseValue.catch();
  promiseValue.finally();
  promiseUnion;
  promiseIntersection;
  promiseIntersection.then(() => {});
`,
    fixed: `  await promiseValue;
  await promiseValue.then(() => {});
  await promiseValue.catch();
  await promiseValue.finally();
  await promiseUnion;
  await promiseIntersection;
  await promiseIntersection.then(() => {});
`,
  },
  {
    name: "a subclass of Promise",
    prelude: "class CanThen extends Promise<number> {}\ndeclare const canThen: CanThen;",
    body: "  canThen;\n  canThen.then(() => {});\n  canThen.catch();\n",
    fixed: "  await canThen;\n  await canThen.then(() => {});\n  await canThen.catch();\n",
  },
  {
    name: "custom thenables (the peer with checkThenables)",
    prelude: `class CatchableThenable {
  then(onFulfilled: () => void, onRejected: () => void): CatchableThenable {
    return new CatchableThenable();
  }
}
interface MyThenable {
  then(onFulfilled: () => void, onRejected: () => void): MyThenable;
}
declare function createMyThenable(): MyThenable;
declare const createPromise: () => PromiseLike<number>;`,
    body: `  const thenable = new CatchableThenable();
  thenable;
  thenable.then(() => {}, () => {});
  createMyThenable();
  createPromise();
`,
    fixed: `  const thenable = new CatchableThenable();
  await thenable;
  await thenable.then(() => {}, () => {});
  await createMyThenable();
  await createPromise();
`,
  },
  {
    name: "a promise made by a PromiseConstructor polyfill",
    prelude: `interface PromisePolyfillConstructor extends PromiseConstructor {
  _immediateFn?: (handler: (() => void) | string) => void;
}
declare const PromisePolyfill: PromisePolyfillConstructor;`,
    body: "  const promise = new PromisePolyfill(() => {});\n  promise;\n  promise.then(() => {});\n",
    fixed: "  const promise = new PromisePolyfill(() => {});\n  await promise;\n  await promise.then(() => {});\n",
  },
  {
    name: "async IIFEs with bodies (the peer's ignoreIIFE cases)",
    prelude: "declare function something(): Promise<void>;",
    body: `  (async () => {
    await something();
  })();
  (async function foo() {})();
`,
    fixed: `  await (async () => {
    await something();
  })();
  await (async function foo() {})();
`,
  },
  {
    name: "logical expressions whose right operand is a promise call",
    body: `  ${MY_PROMISE}
  const yes = true;
  const no = false;
  const nothing = null;
  void yes || myPromise();
  (await yes) && myPromise();
  yes && myPromise();
  no || myPromise();
  nothing ?? myPromise();
  no || no || myPromise();
  event.flag && myPromise();
`,
    fixed: `  ${MY_PROMISE}
  const yes = true;
  const no = false;
  const nothing = null;
  await (void yes || myPromise());
  await ((await yes) && myPromise());
  await (yes && myPromise());
  await (no || myPromise());
  await (nothing ?? myPromise());
  await (no || no || myPromise());
  await (event.flag && myPromise());
`,
  },
  {
    name: "logical expressions whose right operand is a promise variable",
    body: `  const myPromise = Promise.resolve(true);
  let a = true;
  a && myPromise;
  let b = false;
  b || myPromise;
  let c = null;
  c ?? myPromise;
`,
    fixed: `  const myPromise = Promise.resolve(true);
  let a = true;
  await (a && myPromise);
  let b = false;
  await (b || myPromise);
  let c = null;
  await (c ?? myPromise);
`,
  },
  {
    name: "then/catch with a rejection handler that is not a function",
    prelude: "declare const maybeCallable: string | (() => void);",
    body: `  Promise.resolve().then(() => {}, undefined);
  Promise.resolve().then(() => {}, null);
  Promise.resolve().then(() => {}, maybeCallable as () => void);
  Promise.resolve().catch(undefined);
  Promise.resolve().catch(null);
  void Promise.resolve().then(() => {}, undefined);
`,
    fixed: `  await Promise.resolve().then(() => {}, undefined);
  await Promise.resolve().then(() => {}, null);
  await Promise.resolve().then(() => {}, maybeCallable as () => void);
  await Promise.resolve().catch(undefined);
  await Promise.resolve().catch(null);
  await Promise.resolve().then(() => {}, undefined);
`,
  },
  {
    name: "a rejected promise as the left operand of ||",
    body: "  Promise.reject() || 3;\n",
    fixed: "  await (Promise.reject() || 3);\n",
  },
  {
    name: "finally chains",
    prelude: "declare const returnsPromise: () => Promise<void> | null;\ndeclare const promiseIntersection: Promise<number> & number;",
    body: `  Promise.reject().finally(() => {});
  Promise.reject()
    .finally(() => {})
    .finally(() => {});
  Promise.reject()
    .then(() => {})
    .finally(() => {});
  returnsPromise()?.finally(() => {});
  promiseIntersection.finally(() => {});
  (Promise.resolve().finally(() => {}), 123);
  (async () => true)().finally();
`,
    fixed: `  await Promise.reject().finally(() => {});
  await Promise.reject()
    .finally(() => {})
    .finally(() => {});
  await Promise.reject()
    .then(() => {})
    .finally(() => {});
  await returnsPromise()?.finally(() => {});
  await promiseIntersection.finally(() => {});
  (await Promise.resolve().finally(() => {}), 123);
  await (async () => true)().finally();
`,
  },
  {
    name: "then/finally without callbacks, and with spread arguments",
    body: `  Promise.reject("foo").then();
  Promise.reject("foo").finally();
  Promise.reject("foo").finally(...[], () => {});
  Promise.reject("foo").then(...[], () => {});
`,
    fixed: `  await Promise.reject("foo").then();
  await Promise.reject("foo").finally();
  await Promise.reject("foo").finally(...[], () => {});
  await Promise.reject("foo").then(...[], () => {});
`,
  },
  {
    name: "an element of an array that may hold promises, through a generic constraint",
    source: `async function first<T, S extends Array<T | Promise<T>>>(maybePromiseArray: S | undefined): Promise<void> {
  maybePromiseArray?.[0];
}

export const handler = async (event: { items?: Array<Promise<string>> }) => {
  await first(event.items);
  return { statusCode: 200 };
};
`,
    fixedSource: `async function first<T, S extends Array<T | Promise<T>>>(maybePromiseArray: S | undefined): Promise<void> {
  await maybePromiseArray?.[0];
}

export const handler = async (event: { items?: Array<Promise<string>> }) => {
  await first(event.items);
  return { statusCode: 200 };
};
`,
  },
  {
    name: "map with a callback returning a promise",
    prelude: "declare const array: unknown[];",
    body: `  [1, 2, 3].map(() => Promise.reject());
  array.map(() => Promise.reject());
  const data = ["test"];
  data.map(async () => {
    await new Promise((_res, rej) => setTimeout(rej, 1000));
  });
`,
    fixed: `  await Promise.all([1, 2, 3].map(() => Promise.reject()));
  await Promise.all(array.map(() => Promise.reject()));
  const data = ["test"];
  await Promise.all(data.map(async () => {
    await new Promise((_res, rej) => setTimeout(rej, 1000));
  }));
`,
  },
  {
    name: "void and await of an array of promises",
    prelude: "declare const promiseArray: Array<Promise<unknown>>;",
    body: "  void promiseArray;\n  await promiseArray;\n",
    fixed: "  await Promise.all(promiseArray);\n  await Promise.all(promiseArray);\n",
  },
  {
    name: "array literals holding a promise",
    body: `  [1, 2, Promise.reject(), 3];
  [1, 2, Promise.reject().catch(() => {}), 3];
  [Promise.reject()] as const;
  [
    "Type Argument number ",
    1,
    "is not",
    Promise.resolve(),
    "but it still is flagged",
  ] as const;
`,
    fixed: `  await Promise.all([1, 2, Promise.reject(), 3]);
  await Promise.all([1, 2, Promise.reject().catch(() => {}), 3]);
  await Promise.all([Promise.reject()] as const);
  await Promise.all([
    "Type Argument number ",
    1,
    "is not",
    Promise.resolve(),
    "but it still is flagged",
  ] as const);
`,
  },
  {
    name: "an element of an array of arrays that may hold promises, through a generic constraint",
    source: `async function first<T, S extends Array<T | Array<T | Promise<T>>>>(maybePromiseArrayArray: S | undefined): Promise<void> {
  maybePromiseArrayArray?.[0];
}

export const handler = async (event: { items?: Array<Array<Promise<string>>> }) => {
  await first(event.items);
  return { statusCode: 200 };
};
`,
    fixedSource: `async function first<T, S extends Array<T | Array<T | Promise<T>>>>(maybePromiseArrayArray: S | undefined): Promise<void> {
  await Promise.all([maybePromiseArrayArray?.[0]].flat());
}

export const handler = async (event: { items?: Array<Array<Promise<string>>> }) => {
  await first(event.items);
  return { statusCode: 200 };
};
`,
  },
  {
    name: "a value whose type parameter is constrained to an array of promises",
    source: `async function settleAll<T extends Array<Promise<number>>>(a: T, b: T | undefined): Promise<void> {
  a;
  b;
}

export const handler = async (event: { jobs: Array<Promise<number>> }) => {
  await settleAll(event.jobs, undefined);
  return { statusCode: 200 };
};
`,
    fixedSource: `async function settleAll<T extends Array<Promise<number>>>(a: T, b: T | undefined): Promise<void> {
  await Promise.all(a);
  await Promise.all(b ?? []);
}

export const handler = async (event: { jobs: Array<Promise<number>> }) => {
  await settleAll(event.jobs, undefined);
  return { statusCode: 200 };
};
`,
  },
  {
    name: "an optional array of promises",
    prelude: "declare const a: Array<Promise<number>> | undefined;",
    body: "  a;\n",
    fixed: "  await Promise.all(a ?? []);\n",
  },
  {
    name: "a call returning a tuple of promises",
    prelude: "declare function cursed(): [Promise<number>, Promise<string>];",
    body: "  cursed();\n",
    fixed: "  await Promise.all(cursed());\n",
  },
  {
    name: "unions of arrays, one of them holding promises",
    prelude: `declare const arrayOrPromiseTuple: Array<number> | [number, number, Promise<unknown>, string];
declare const okArrayOrPromiseArray: Array<number> | Array<Promise<unknown>>;`,
    body: "  arrayOrPromiseTuple;\n  okArrayOrPromiseArray;\n",
    fixed: "  await Promise.all(arrayOrPromiseTuple);\n  await Promise.all(okArrayOrPromiseArray);\n",
  },
  {
    name: "a union of a promise and an array of promises, used, voided and stored unused",
    prelude: "declare const job: Promise<void> | Promise<void>[];\ndeclare function jobs(): Promise<void> | Promise<void>[] | undefined;",
    body: "  job;\n  void job;\n  (0, jobs());\n  const later = jobs();\n",
    fixed: "  await Promise.all([job].flat());\n  await Promise.all([job].flat());\n  (0, await Promise.all([jobs()].flat()));\n  const later = jobs();\n  await Promise.all([later].flat());\n",
  },
  {
    name: "a custom thenable interface, a Promise subclass's catch and finally",
    prelude: `interface UnsafeThenable<T> {
  then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | UnsafeThenable<TResult1>) | undefined | null,
    onrejected?: ((reason: any) => TResult2 | UnsafeThenable<TResult2>) | undefined | null,
  ): UnsafeThenable<TResult1 | TResult2>;
}
class UnsafePromise<T> extends Promise<T> {}
declare const thenable: UnsafeThenable<number>;
declare const subclassed: UnsafePromise<number>;
declare const makeSubclassed: () => UnsafePromise<number>;`,
    body: "  thenable;\n  subclassed.catch();\n  makeSubclassed().finally();\n",
    fixed: "  await thenable;\n  await subclassed.catch();\n  await makeSubclassed().finally();\n",
  },
  {
    name: "branded promise aliases in conditionals and ??",
    prelude: "type UnsafePromise = Promise<number> & { hey?: string };\ndeclare const promise: UnsafePromise;\ndeclare const makePromise: () => UnsafePromise;",
    body: "  0 ? promise.catch() : 2;\n  null ?? makePromise().catch();\n",
    fixed: "  await (0 ? promise.catch() : 2);\n  await (null ?? makePromise().catch());\n",
  },
  {
    name: "arrays and tuples of branded promise aliases",
    prelude: `type Foo<T> = Promise<T> & { hey?: string };
declare const brandedArray: Foo<unknown>[];
declare const brandedTuple: [Foo<unknown>, 5];
declare const foo: Foo<number>;`,
    body: "  brandedArray;\n  brandedTuple;\n  let bar = [Promise.resolve(2), foo];\n  bar;\n",
    fixed: "  await Promise.all(brandedArray);\n  await Promise.all(brandedTuple);\n  let bar = [Promise.resolve(2), foo];\n  await Promise.all(bar);\n",
  },
  {
    name: "a tagged template returning a branded promise",
    prelude: "type SafePromise = Promise<number> & { __linterBrands?: string };\ndeclare const myTag: (strings: TemplateStringsArray) => SafePromise;",
    body: "  myTag`abc`;\n",
    fixed: "  await myTag`abc`;\n",
  },
  {
    name: "calls returning promises, also of subclasses and with their chains",
    prelude: `declare function unsafe(...args: unknown[]): Promise<void>;
declare const createPromise: () => Promise<number>;
class MyPromise<T> extends Promise<T> {
  additional = "";
}
declare const createMyPromise: () => MyPromise<number>;`,
    body: `  unsafe("...", () => {});
  unsafe("...", () => {}).then(() => {});
  unsafe("...", () => {}).finally(() => {});
  createPromise();
  createMyPromise();
`,
    fixed: `  await unsafe("...", () => {});
  await unsafe("...", () => {}).then(() => {});
  await unsafe("...", () => {}).finally(() => {});
  await createPromise();
  await createMyPromise();
`,
  },
  {
    name: "a yield whose received value is a promise (sync generator: await is impossible)",
    source: `declare const x: any;
function* generator(): Generator<number, void, Promise<number>> {
  yield x;
}

export const handler = async (_event: unknown) => {
  const g = generator();
  g.next();
  return { statusCode: 200 };
};
`,
    reports: [[3, "the value this yield receives is a promise nothing waits for, and a generator that is not async cannot await it: await it where it is sent (`next(…)`), or make the generator async"]],
  },
  {
    name: "a yield* whose delegate returns a promise (sync generator)",
    source: `declare const x: Generator<number, Promise<number>, void>;
function* generator(): Generator<number, void, void> {
  yield* x;
}

export const handler = async (_event: unknown) => {
  const g = generator();
  g.next();
  return { statusCode: 200 };
};
`,
    reports: [[3, "the value this yield receives is a promise nothing waits for, and a generator that is not async cannot await it: await it where it is sent (`next(…)`), or make the generator async"]],
  },
  {
    name: "yield in an async generator whose received value is a promise (a delegate's returned promise is awaited by yield* there)",
    source: `async function* generator(): AsyncGenerator<number, void, Promise<number>> {
  yield 1;
}

export const handler = async (_event: unknown) => {
  for await (const n of generator()) console.log(n);
  return { statusCode: 200 };
};
`,
    fixedSource: `async function* generator(): AsyncGenerator<number, void, Promise<number>> {
  await (yield 1);
}

export const handler = async (_event: unknown) => {
  for await (const n of generator()) console.log(n);
  return { statusCode: 200 };
};
`,
  },
  {
    name: "type assertions to promise types",
    prelude: "const value = {};",
    body: `  value as Promise<number>;
  ({}) as Promise<number> & number;
  ({}) as Promise<number> & { yolo?: string };
  <Promise<number>>{};
`,
    fixed: `  await (value as Promise<number>);
  await (({}) as Promise<number> & number);
  await (({}) as Promise<number> & { yolo?: string });
  await (<Promise<number>>{});
`,
  },
  {
    name: "void of a fetch in an arrow expression body the handler calls",
    body: "  const click = () => void fetch(\"/api/click\");\n  click();\n",
    reports: [[2, "`void` promise not rewritten: it is in a synchronous function that is not a handler: making it async would change what its callers receive"]],
  },
];

/** The peer's crash case (TypeScript 6's checker overflows its stack): one statement reported, the rest still rewritten. */
export const CHECKER_CRASH: PeerCase = {
  name: "the checker overflows its stack on one statement",
  source: `interface CustomNode<P> {
  getNextNode: () => CustomNode<P>;
}

declare const createNode: () => {
  getNextNode: <T>() => CustomNode<T>;
};

function wrapNode<T>(getNode: () => CustomNode<T>) {
  return getNode;
}

export const handler = async (_event: unknown) => {
  (async () => {
    wrapNode(() => {
      const node = createNode();

      return wrapNode<typeof node.getNextNode<any>>(node.getNextNode);
    });
  })().catch(() => {});
  Promise.resolve();
  return { statusCode: 200 };
};
`,
  fixedSource: `interface CustomNode<P> {
  getNextNode: () => CustomNode<P>;
}

declare const createNode: () => {
  getNextNode: <T>() => CustomNode<T>;
};

function wrapNode<T>(getNode: () => CustomNode<T>) {
  return getNode;
}

export const handler = async (_event: unknown) => {
  await (async () => {
    wrapNode(() => {
      const node = createNode();

      return wrapNode<typeof node.getNextNode<any>>(node.getNextNode);
    });
  })().catch(() => {});
  await Promise.resolve();
  return { statusCode: 200 };
};
`,
  reports: [[15, "checker"]],
  why: "the IIFE's `.catch` handles its rejection, yet its work still runs after the handler returned",
};

const STRICTER_CATCH = "a handled rejection still escapes: the work runs after the handler returned";

export const VALID: PeerCase[] = [
  {
    name: "awaited and returned promises",
    prelude: ASYNC_FN,
    body: "  await Promise.resolve(\"value\");\n  await returnsPromise();\n  await (async () => true)();\n",
  },
  {
    name: "chains with a rejection handler",
    prelude: ASYNC_FN,
    body: `  Promise.resolve("value").then(
    () => {},
    () => {},
  );
  Promise.reject(new Error("message"))
    .then(() => {})
    .catch(() => {});
  returnsPromise()
    .then(() => {})
    .catch(() => {})
    .finally(() => {});
  (async () => true)().catch(() => {});
`,
    fixed: `  await Promise.resolve("value").then(
    () => {},
    () => {},
  );
  await Promise.reject(new Error("message"))
    .then(() => {})
    .catch(() => {});
  await returnsPromise()
    .then(() => {})
    .catch(() => {})
    .finally(() => {});
  await (async () => true)().catch(() => {});
`,
    why: STRICTER_CATCH,
  },
  {
    name: "a chain held in a variable, caught later",
    body: "  const x = Promise.resolve();\n  const y = x.then(() => {});\n  y.catch(() => {});\n",
    fixed: "  const x = Promise.resolve();\n  const y = x.then(() => {});\n  await y.catch(() => {});\n",
    why: STRICTER_CATCH,
  },
  {
    name: "caught promises in conditionals, commas, void and ||",
    body: `  Math.random() > 0.5 ? Promise.resolve().catch(() => {}) : null;
  (Promise.resolve().catch(() => {}), 123);
  void Promise.resolve().catch(() => {});
  Promise.resolve().catch(() => {}) ||
    Promise.resolve().then(
      () => {},
      () => {},
    );
`,
    fixed: `  await (Math.random() > 0.5 ? Promise.resolve().catch(() => {}) : null);
  (await Promise.resolve().catch(() => {}), 123);
  await Promise.resolve().catch(() => {});
  await (Promise.resolve().catch(() => {}) ||
    Promise.resolve().then(
      () => {},
      () => {},
    ));
`,
    why: `${STRICTER_CATCH}; \`void\` marks it ignored, yet it still escapes`,
  },
  {
    name: "thenables the peer does not check by default",
    prelude: `class Thenable {
  then(callback: () => void): Thenable {
    return new Thenable();
  }
}
declare const createPromiseLike: () => PromiseLike<number>;`,
    body: "  const thenable = new Thenable();\n  await thenable;\n  thenable;\n  createPromiseLike();\n",
    fixed: "  const thenable = new Thenable();\n  await thenable;\n  await thenable;\n  await createPromiseLike();\n",
    why: "any object with a callable `then` is work to wait for (query builders, lazy requests): settle checks thenables always",
  },
  {
    name: "a then that takes no callback, and a then that is not a method",
    prelude: `class NonFunctionParamThenable {
  then(param: string, param2: number): NonFunctionParamThenable {
    return new NonFunctionParamThenable();
  }
}
class NonFunctionThenable {
  then = 0;
}`,
    body: `  const thenable = new NonFunctionParamThenable();
  thenable;
  thenable.then("abc", 1);
  const other = new NonFunctionThenable();
  other;
  other.then;
`,
  },
  {
    name: "awaited optional calls, and a caught optional chain",
    prelude: `declare const returnsPromise: () => Promise<void> | null;
declare const obj1: { a?: { b?: { c?: () => Promise<void> } } };`,
    body: `  await returnsPromise?.();
  await obj1.a?.b?.c?.();
  returnsPromise()?.then(
    () => {},
    () => {},
  );
`,
    fixed: `  await returnsPromise?.();
  await obj1.a?.b?.c?.();
  await returnsPromise()?.then(
    () => {},
    () => {},
  );
`,
    why: STRICTER_CATCH,
  },
  {
    name: "async IIFEs (the peer's ignoreIIFE option)",
    prelude: "declare function something(): Promise<void>;",
    body: "  (async () => {\n    something();\n  })();\n",
    fixed: "  await (async () => {\n    await something();\n  })();\n",
    why: "settle has no ignoreIIFE: an IIFE a handler starts is work that escapes it, and so is the call inside",
  },
  {
    name: "void and await of a logical expression, void and await inside one",
    body: `  ${MY_PROMISE}
  const condition = true;
  await (condition && myPromise());
  condition && (await myPromise());
  void (condition && myPromise());
  condition && void myPromise();
`,
    fixed: `  ${MY_PROMISE}
  const condition = true;
  await (condition && myPromise());
  condition && (await myPromise());
  await (condition && myPromise());
  condition && await myPromise();
`,
    why: "`void` marks the promise ignored, yet it still escapes the invocation",
  },
  {
    name: "logical expressions whose promise operand the types prove never runs",
    body: `  ${MY_PROMISE}
  let condition = false;
  condition && myPromise();
  condition = true;
  condition || myPromise();
  condition ?? myPromise();
`,
  },
  {
    name: "a catch with a callable handler, and catch-finally chains",
    prelude: "declare const definitelyCallable: () => void;",
    body: `  Promise.reject().catch(definitelyCallable);
  Promise.reject()
    .catch(() => {})
    .finally(() => {})
    .finally(() => {});
`,
    fixed: `  await Promise.reject().catch(definitelyCallable);
  await Promise.reject()
    .catch(() => {})
    .finally(() => {})
    .finally(() => {});
`,
    why: STRICTER_CATCH,
  },
  {
    name: "Promise.all awaited, and void of an array of promises",
    prelude: "declare const promiseArray: Array<Promise<unknown>>;",
    body: "  await Promise.all([Promise.resolve(), Promise.resolve()]);\n  void promiseArray;\n",
    fixed: "  await Promise.all([Promise.resolve(), Promise.resolve()]);\n  await Promise.all(promiseArray);\n",
    why: "`void` marks the promises ignored, yet they still escape the invocation",
  },
  {
    name: "arrays without promises",
    body: "  ['I', 'am', 'just', 'an', 'array'];\n",
  },
  {
    name: "a void promise inside an array literal",
    body: "  [1, 2, void Promise.reject(), 3];\n",
    fixed: "  await Promise.all([1, 2, Promise.reject(), 3]);\n",
    why: "`void` marks the promise ignored, yet it still escapes the invocation",
  },
  {
    name: "promises the peer's allow-lists (allowForKnownSafePromises) accept",
    prelude: `interface SafeThenable<T> {
  then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | SafeThenable<TResult1>) | undefined | null,
    onrejected?: ((reason: any) => TResult2 | SafeThenable<TResult2>) | undefined | null,
  ): SafeThenable<TResult1 | TResult2>;
}
class SafePromise<T> extends Promise<T> {}
type Foo = Promise<number> & { hey?: string };
declare const safeThenable: SafeThenable<number>;
declare const holder: { a: SafePromise<number> };
declare const safePromise: SafePromise<number>;
declare const foo: Foo;
declare const makeSafeThenable: () => SafeThenable<number>;
declare const makeFoo: () => Foo;
declare const makeSafePromise: () => SafePromise<number>;
declare const safeArray: Foo[];
declare const safeTuple: [Foo, 5];
declare const myTag: (strings: TemplateStringsArray) => Foo;`,
    body: `  (0, safeThenable);
  0 ? safeThenable : 3;
  holder.a;
  safePromise;
  0 || foo;
  foo.finally();
  (0, makeSafeThenable());
  makeFoo();
  makeFoo().finally();
  0 || makeSafePromise();
  null ?? makeSafePromise();
  makeSafeThenable().then(() => {});
  safeArray;
  safeTuple;
  myTag\`abc\`;
`,
    fixed: `  (0, await safeThenable);
  await (0 ? safeThenable : 3);
  await holder.a;
  await safePromise;
  await (0 || foo);
  await foo.finally();
  (0, await makeSafeThenable());
  await makeFoo();
  await makeFoo().finally();
  await (0 || makeSafePromise());
  await (null ?? makeSafePromise());
  await makeSafeThenable().then(() => {});
  await Promise.all(safeArray);
  await Promise.all(safeTuple);
  await myTag\`abc\`;
`,
    why: "settle has no allow-list: a promise known to be safe from unhandled rejections still runs after the handler returned",
  },
  {
    name: "calls the peer's allow-lists (allowForKnownSafeCalls) accept",
    prelude: `declare function it(...args: unknown[]): Promise<void>;
const randomAsyncFunction = async () => {
  return Promise.resolve(true);
};`,
    body: "  it(\"...\", () => {});\n  randomAsyncFunction();\n",
    fixed: "  await it(\"...\", () => {});\n  await randomAsyncFunction();\n",
    why: "settle has no allow-list: an allowed call's work still runs after the handler returned",
  },
  {
    name: "a call returning void, and a tagged template returning a string",
    prelude: "declare function it(name: string, action: () => void): void;\ndeclare const myTag: (strings: TemplateStringsArray) => string;",
    body: "  it(\"...\", () => {});\n  myTag`abc`;\n",
  },
  {
    name: "a caught tagged template",
    prelude: "declare const myTag: (strings: TemplateStringsArray) => Promise<void>;",
    body: "  myTag`abc`.catch(() => {});\n",
    fixed: "  await myTag`abc`.catch(() => {});\n",
    why: STRICTER_CATCH,
  },
  {
    name: "assignments store the promise, they do not drop it",
    prelude: "declare let x: any;\ndeclare let y: Promise<number>;\ndeclare const promiseArray: Array<Promise<unknown>>;",
    body: "  x = promiseArray;\n  y = Promise.resolve(2);\n",
  },
  {
    name: "an async generator's yield and yield* of promises (the generator awaits what it yields)",
    source: `declare const promiseArray: Array<Promise<unknown>>;
async function* generator() {
  yield* promiseArray;
  yield Promise.resolve();
}

export const handler = async (_event: unknown) => {
  for await (const n of generator()) console.log(n);
  return { statusCode: 200 };
};
`,
  },
  {
    name: "a listener that voids a fetch, registered by the handler",
    prelude: "declare const bus: { on(event: string, listener: () => void): void };",
    body: "  bus.on(\"click\", () => void fetch(\"/api/click\"));\n",
    reports: [[3, "`void` promise not rewritten: it is in a synchronous function that is not a handler: making it async would change what its callers receive"]],
    why: "`void` marks the fetch ignored, yet it escapes the invocation that fires the listener: reported, since a listener's callers expect it synchronous",
  },
];
