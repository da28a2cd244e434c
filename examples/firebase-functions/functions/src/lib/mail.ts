const MAIL_API = "https://mail.example.com/v3/send";

/** Sends the welcome email through the mail provider's HTTP API. */
export async function sendWelcomeEmail(to: string): Promise<void> {
  const response = await fetch(MAIL_API, { method: "POST", body: JSON.stringify({ to, template: "welcome" }) });
  if (!response.ok) throw new Error(`mail: ${response.status}`);
}
