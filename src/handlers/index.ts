import type { SourceFile } from "ts-morph";
import type { EntryNote, EntryPoint, FunctionLike } from "./entry-point.js";
import { findFirebaseFunctions } from "./firebase.js";
import { findAzureFunctions } from "./azure.js";
import { findHonoHandlers } from "./hono.js";
import { findLambdaHandlers, TEST_FILE } from "./lambda.js";
import { findLibraryOverrides } from "./library-overrides.js";
import { findNestRoutes } from "./nest.js";
import { findNetlifyFunctions } from "./netlify.js";
import { findSupabaseFunctions } from "./supabase.js";
import { findNextEntryPoints } from "./next.js";
import { packageFactsFor } from "./package-facts.js";
import { findVercelFunctions } from "./vercel.js";
import { findWorkersHandlers } from "./workers.js";

/**
 * Every entry point of a file, for every platform settle knows (DESIGN.md section 5). A function
 * that more than one platform claims keeps the most specific claim: the platform-specific finders
 * run before the AWS Lambda conventions. `configured`: export names a deployment config assigns;
 * `notes` collects exports that look like entry points but were not taken, or were taken through
 * something settle does not know (for --verbose). The methods of library subclasses an entry
 * point hands to a call (library-overrides.ts) are entry points too.
 */
export function findEntryPoints(file: SourceFile, configured?: Set<string>, notes?: EntryNote[]): EntryPoint[] {
  if (TEST_FILE.test(file.getFilePath())) return [];
  const found = new Map<FunctionLike, EntryPoint>();
  const lambdaNotes: EntryNote[] = [];
  const candidates = entryPointCandidates(file, configured, notes, lambdaNotes);
  for (const entry of candidates) if (!found.has(entry.fn)) found.set(entry.fn, entry);
  // Overrides a library calls for these entry points run inside their invocations too.
  for (const entry of findLibraryOverrides([...found.values()])) if (!found.has(entry.fn)) found.set(entry.fn, entry);
  // An export another platform claims is no declined Lambda handler.
  const claimed = new Set([...found.values()].map((e) => e.exportName));
  // Nor was an export another platform claims "followed" through a wrapper unknown to the Lambda conventions.
  const otherPlatform = new Set([...found.values()].filter((e) => e.platform !== "lambda").map((e) => e.exportName));
  notes?.push(...lambdaNotes.filter((n) => (n.kind === "declined" ? !claimed.has(n.exportName) : !otherPlatform.has(n.exportName))));
  return [...found.values()];
}

/**
 * The entry points of a file that its own syntax and exports show, every platform's, before the
 * library overrides they lead to (findEntryPoints, which also drops notes other claims settle).
 * The TypeScript 7 session asks it while a group's files are parsed: a file with a candidate, or
 * one whose candidates take a type question to decide, opens the group's program early.
 */
export function entryPointCandidates(file: SourceFile, configured?: Set<string>, notes?: EntryNote[], lambdaNotes: EntryNote[] = []): EntryPoint[] {
  if (TEST_FILE.test(file.getFilePath())) return [];
  const facts = packageFactsFor(file);
  const candidates = [
    ...findNextEntryPoints(file, facts),
    ...findVercelFunctions(file, facts),
    ...findWorkersHandlers(file, facts, notes),
    ...findHonoHandlers(file, facts),
    ...findNestRoutes(file, facts, notes),
    ...findNetlifyFunctions(file, facts),
    ...findSupabaseFunctions(file),
    ...findFirebaseFunctions(file, facts),
    ...findAzureFunctions(file, facts),
  ];
  candidates.push(...findLambdaHandlers(file, configured, lambdaNotes));
  return candidates;
}
