interface CustomNode<P> {
  getNextNode: () => CustomNode<P>;
}

declare const createNode: () => {
  getNextNode: <T>() => CustomNode<T>;
};

function wrapNode<T>(getNode: () => CustomNode<T>) {
  return getNode;
}

declare function save(what: unknown, done: (err: Error | null) => void): void;

export async function handler(event: { id: string }) {
  // TypeScript 6's checker overflows its stack on this one statement; the next one is still rewritten.
  save(wrapNode(() => {
    const node = createNode();

    return wrapNode<typeof node.getNextNode<any>>(node.getNextNode);
  }), (err) => {
    if (err) throw err;
  });
  save(event.id, (err) => {
    if (err) throw err;
    console.log("saved", event.id);
  });
  return { statusCode: 200 };
}
