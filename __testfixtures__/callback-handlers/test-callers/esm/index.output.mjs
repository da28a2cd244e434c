export default async (event, context) => {
  if (event.name) return `hi ${event.name}`;
  else throw "no name";
};
