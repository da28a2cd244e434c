const counts = new Map();

export const normalizePage = (page) => (page ?? 'home').toLowerCase().replace(/[^a-z0-9-]/g, '');

export const getVisitCount = async (page) => counts.get(page) ?? 0;

export const recordVisit = async (page) => {
  const next = (counts.get(page) ?? 0) + 1;
  counts.set(page, next);
  return next;
};
