"use server";

import { trackEvent } from "@/lib/analytics";
import { saveSignup } from "@/lib/payments";

export async function subscribe(formData: FormData) {
  const email = String(formData.get("email"));
  await saveSignup(email);
  trackEvent("newsletter_signup");
  return { subscribed: true };
}
