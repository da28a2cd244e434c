export interface CheckoutRequest {
  email: string;
  cartId: string;
  amount: number;
}

export interface Charge {
  id: string;
  amount: number;
}

export async function chargeCard(request: CheckoutRequest): Promise<Charge> {
  const response = await fetch("https://payments.example.com/v1/charges", {
    method: "POST",
    body: JSON.stringify({ cart: request.cartId, amount: request.amount }),
  });
  return (await response.json()) as Charge;
}

export async function sendReceipt(email: string, chargeId: string): Promise<void> {
  await fetch("https://mail.example.com/v1/receipts", { method: "POST", body: JSON.stringify({ email, chargeId }) });
}

export async function saveSignup(email: string): Promise<void> {
  await fetch("https://crm.example.com/v1/signups", { method: "POST", body: JSON.stringify({ email }) });
}
