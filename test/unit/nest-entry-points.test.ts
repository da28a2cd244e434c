import { describe, expect, it } from "vitest";
import type { EntryNote } from "../../src/handlers/entry-point.js";
import { findEntryPoints } from "../../src/handlers/index.js";
import { SCHEDULED_JOB_NOTE } from "../../src/handlers/nest.js";
import { createInMemoryProject } from "../../src/project.js";

function entries(pkg: Record<string, unknown>, source: string) {
  const p = createInMemoryProject();
  p.getFileSystem().writeFileSync("/package.json", JSON.stringify(pkg));
  const file = p.createSourceFile("/src/jobs.ts", source);
  const notes: EntryNote[] = [];
  const found = findEntryPoints(file, undefined, notes).map((e) => `${e.platform} ${e.exportName}`);
  return { found, notes: notes.map((n) => `${n.kind} ${n.exportName}: ${n.reason}`) };
}

const SOURCE = `
import { Controller, Injectable } from "@nestjs/common";
import { MessagePattern } from "@nestjs/microservices";
import { Cron as Every, Interval, Timeout } from "@nestjs/schedule";

@Injectable()
export class Jobs {
  @Every("0 * * * *") hourly() {}
  @Interval(1000) tick() {}
  @Timeout(10) once() {}
  plain() {}
  @Every("0 * * * *") static notAnInstanceJob() {}
}

export class NotAProvider {
  @Interval(1000) tick() {}
}

@Controller()
export class Events {
  @MessagePattern("sum") sum() {}
  @Interval(5) poll() {}
}
`;

describe("NestJS entry points", () => {
  it("in a Lambda-deployed package: message patterns and @nestjs/schedule jobs (aliased too), each job noted", () => {
    const { found, notes } = entries({ dependencies: { "@nestjs/schedule": "^6.0.0", "serverless-http": "^3.0.0" } }, SOURCE);
    expect(found).toEqual(["nest Jobs.hourly", "nest Jobs.tick", "nest Jobs.once", "nest Events.sum", "nest Events.poll"]);
    expect(notes).toEqual(["Jobs.hourly", "Jobs.tick", "Jobs.once", "Events.poll"].map((n) => `followed ${n}: ${SCHEDULED_JOB_NOTE}`));
  });

  it("in a package not deployed to AWS Lambda: none (a long-running Nest server is not frozen)", () => {
    expect(entries({ dependencies: { "@nestjs/schedule": "^6.0.0" } }, SOURCE)).toEqual({ found: [], notes: [] });
  });
});
