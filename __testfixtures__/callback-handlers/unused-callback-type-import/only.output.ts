export const greet = async (event: { name: string }, _context: unknown) => {
  return `hello ${event.name}`;
};

export const shout = async (event: { name: string }, _context: unknown) => {
  return event.name.toUpperCase();
};
