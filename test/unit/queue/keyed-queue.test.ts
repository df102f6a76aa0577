import { describe, expect, it } from "vitest";
import { createKeyedQueue } from "../../../src/queue/index.ts";

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("keyed queue", () => {
  it("runs one key's tasks in the order given, even when a later one would finish first", async () => {
    const queue = createKeyedQueue();
    const done: string[] = [];
    await Promise.all([
      queue.run("a", async () => {
        await pause(30);
        done.push("a1");
      }),
      queue.run("a", async () => {
        done.push("a2");
      }),
    ]);
    expect(done).toEqual(["a1", "a2"]);
  });

  it("runs different keys side by side", async () => {
    const queue = createKeyedQueue();
    const done: string[] = [];
    await Promise.all([
      queue.run("a", async () => {
        await pause(30);
        done.push("a");
      }),
      queue.run("b", async () => {
        done.push("b");
      }),
    ]);
    expect(done).toEqual(["b", "a"]);
  });

  it("keeps going after a task fails, and hands the failure to its caller", async () => {
    const queue = createKeyedQueue();
    const failed = queue.run("a", async () => {
      throw new Error("turn failed");
    });
    const next = queue.run("a", async () => "next ran");
    await expect(failed).rejects.toThrow("turn failed");
    await expect(next).resolves.toBe("next ran");
  });
});
