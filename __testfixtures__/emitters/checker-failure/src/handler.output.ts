import { EventEmitter2 } from "eventemitter2";

interface CustomNode<P> {
  getNextNode: () => CustomNode<P>;
}

declare const createNode: () => {
  getNextNode: <T>() => CustomNode<T>;
};

function wrapNode<T>(getNode: () => CustomNode<T>) {
  return getNode;
}

const bus = new EventEmitter2();
bus.on("saved", async (id: string) => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  console.log("saved", id);
});
// TypeScript 6's checker overflows its stack on this listener's receiver: reported; the emits are still rewritten.
(wrapNode(() => {
  const node = createNode();

  return wrapNode<typeof node.getNextNode<any>>(node.getNextNode);
}) as unknown as EventEmitter2).on("saved", () => {});

export const handler = async (event: { id: string }) => {
  // Resolving what this call calls overflows the stack too: settle does not follow it, and still rewrites the emit.
  await (wrapNode(() => {
    const node = createNode();

    return wrapNode<typeof node.getNextNode<any>>(node.getNextNode);
  }) as unknown as EventEmitter2).emitAsync("saved", event.id);
  await bus.emitAsync("saved", event.id);
  return { statusCode: 200 };
};
