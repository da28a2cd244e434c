const signups = new Map<string, string>();

/** Stores a signup and returns its id (a stand-in for a Firestore write). */
export async function saveSignup(email: string): Promise<string> {
  const id = `s-${signups.size + 1}`;
  signups.set(id, email);
  return id;
}

/** Adds one to the day's count of new users. */
export async function incrementUserCount(day: string): Promise<number> {
  const count = Number(signups.get(day) ?? 0) + 1;
  signups.set(day, String(count));
  return count;
}
