import middy from "@middy/core";

// The function handed to middy runs inside the invocation: by name, and through `.handler(fn)`.
async function publish(topic: string): Promise<void> {}

const baseHandler = async (event: { id: string }) => {
  publish(`created:${event.id}`);
  return { statusCode: 201 };
};

export const handler = middy(baseHandler).use({ before: async () => {} });

export const other = middy()
  .use({ after: async () => {} })
  .handler(async (event: { id: string }) => {
    publish(`other:${event.id}`);
    return { statusCode: 200 };
  });
