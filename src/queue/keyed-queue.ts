/** Runs tasks one after another per key (a conversation, say) and side by side across keys. */

/** A queue per key: run(key, task) starts the task once every earlier task of that key has settled. */
export type KeyedQueue = { run<T>(key: string, task: () => Promise<T>): Promise<T> };

/** Creates an empty keyed queue; a key's entry is dropped when its last task settles. */
export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      // A failed task does not stop the ones after it.
      const result = previous.then(task, task);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
