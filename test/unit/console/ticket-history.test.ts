import { describe, expect, it } from "vitest";
import { actorLabel, changeText } from "../../../console/src/views/ticket-history.tsx";

describe("the console's ticket history", () => {
  it("names an API key as such, a user by name, and the bot and routing by role", () => {
    expect(actorLabel({ actorType: "api_key", actorName: "Helpdesk sync" })).toBe("Helpdesk sync (API key)");
    expect(actorLabel({ actorType: "agent", actorName: "Alex Agent" })).toBe("Alex Agent");
    expect(actorLabel({ actorType: "bot", actorName: null })).toBe("The bot");
    expect(actorLabel({ actorType: "system", actorName: null })).toBe("Routing");
  });

  it("says what each change did, naming the assignee when it is the ticket's current one", () => {
    const ticket = { assignee: { id: "u1", name: "Sam Support" } };
    expect(changeText({ type: "assigned", data: { from: null, to: "u1" } }, ticket)).toBe("assigned it to Sam Support");
    expect(changeText({ type: "assigned", data: { from: null, to: "u2" } }, ticket)).toBe("assigned it");
    expect(changeText({ type: "assigned", data: { assigneeId: "u1", rule: "round_robin" } }, ticket)).toBe("assigned it to Sam Support");
    expect(changeText({ type: "priority_changed", data: { from: "normal", to: "high" } }, ticket)).toBe("changed the priority from normal to high");
    expect(changeText({ type: "status_changed", data: { from: "open", to: "pending" } }, ticket)).toBe("changed the status from open to pending");
    expect(changeText({ type: "unassigned", data: {} }, ticket)).toBe("put it back in the queue");
  });

  it("shows routing's own reason for a routed assignment and for a ticket left in a team's queue", () => {
    const ticket = { assignee: { id: "u1", name: "Sam Support" } };
    const reason = "routed to Sam Support: team Billing, skill get_refund, 1 of 4 open";
    expect(changeText({ type: "assigned", data: { assigneeId: "u1", rule: "skills_capacity", reason } }, ticket)).toBe(reason);
    const queued = "queued for team Billing: no online agent with skill get_refund below capacity";
    expect(changeText({ type: "queued", data: { teamId: "t1", reason: queued } }, ticket)).toBe(queued);
  });
});
