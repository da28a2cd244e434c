"use server";

async function sendWelcome(email: string): Promise<void> {
  await fetch("https://mail.example.com/welcome", { method: "POST", body: email });
}

export async function subscribe(email: string) {
  sendWelcome(email);
  return { subscribed: true };
}
