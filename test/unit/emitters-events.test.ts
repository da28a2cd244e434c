import { describe, expect, it } from "vitest";
import { eventMatches } from "../../transforms/emitters/events.js";

describe("emitters: EventEmitter2 event patterns", () => {
  it("matches exact names and wildcards by segment", () => {
    expect(eventMatches("user.registered", "user.registered")).toBe(true);
    expect(eventMatches("user.registered", "user.deleted")).toBe(false);
    expect(eventMatches("user.*", "user.registered")).toBe(true);
    expect(eventMatches("user.*", "user.registered.twice")).toBe(false);
    expect(eventMatches("user.**", "user.registered.twice")).toBe(true);
    expect(eventMatches("*.registered", "order.registered")).toBe(true);
    expect(eventMatches("user.*", "users.registered")).toBe(false);
    // A dot in a pattern is a separator, not a regular-expression wildcard.
    expect(eventMatches("user.x", "userax")).toBe(false);
  });
});
