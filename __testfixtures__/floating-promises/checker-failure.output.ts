interface CustomNode<P> {
  getNextNode: () => CustomNode<P>;
}

declare const createNode: () => {
  getNextNode: <T>() => CustomNode<T>;
};

function wrapNode<T>(getNode: () => CustomNode<T>) {
  return getNode;
}

async function save(): Promise<void> {}

export const handler = async (event: unknown) => {
  // TypeScript 6's checker overflows its stack on this one statement; the rest is still rewritten.
  wrapNode(() => {
    const node = createNode();

    return wrapNode<typeof node.getNextNode<any>>(node.getNextNode);
  });
  await save();
  return { statusCode: 200 };
};
