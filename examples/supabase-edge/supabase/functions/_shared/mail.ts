export async function sendWelcomeEmail(email: string): Promise<void> {
  await fetch("https://mail.example/send", { method: "POST", body: JSON.stringify({ to: email, template: "welcome" }) });
}

export async function logSignup(email: string): Promise<void> {
  await fetch("https://stats.example/signup", { method: "POST", body: JSON.stringify({ email }) });
}
