import type { Callback, Context } from "aws-lambda";

interface CustomNode<P> {
  getNextNode: () => CustomNode<P>;
}

declare const createNode: () => {
  getNextNode: <T>() => CustomNode<T>;
};

function wrapNode<T>(getNode: () => CustomNode<T>) {
  return getNode;
}

// TypeScript 6's checker overflows its stack in this handler: it is reported, the next one is still converted.
export const crashes = (event: unknown, context: Context, callback: Callback<string>) => {
  wrapNode(() => {
    const node = createNode();

    return wrapNode<typeof node.getNextNode<any>>(node.getNextNode);
  });
  callback(null, "crashed");
};

export const handler = async (event: { id: string }, context: Context) => {
  return event.id;
};
