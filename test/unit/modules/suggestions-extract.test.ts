import { describe, expect, it } from "vitest";
import { extractEntities } from "../../../src/nlp/entities/index.ts";
import { detailsInMessage } from "../../../src/modules/customers/suggestions.extract.ts";

const names = (text: string) =>
  detailsInMessage(text, { entities: extractEntities(text) })
    .details.filter((d) => d.field === "name")
    .map((d) => d.value);

describe("name suggestions from a customer's message", () => {
  it("suggests the writer's name without the courtesy title the entity's span keeps", () => {
    const text = "Hello, my name is Mrs. Dana Wu and my parcel is late";
    const person = extractEntities(text).find((e) => e.type === "person");
    expect([person?.text, person?.value]).toEqual(["Mrs. Dana Wu", "Dana Wu"]);
    expect(names(text)).toEqual(["Dana Wu"]);
    expect(names("this is dr patel, I need the invoice")).toEqual(["Patel"]);
  });

  it("suggests nothing for a titled person the writer only mentions", () => {
    expect(names("see the bill from Mr. Smith")).toEqual([]);
    expect(names("Mrs. Jones called about my order")).toEqual([]);
  });
});
