import { NextResponse } from "next/server";
import { trackEvent } from "@/lib/analytics";
import { chargeCard, sendReceipt, type CheckoutRequest } from "@/lib/payments";

export async function POST(request: Request) {
  const body = (await request.json()) as CheckoutRequest;
  const charge = await chargeCard(body);

  trackEvent("checkout_completed", { amount: charge.amount });
  sendReceipt(body.email, charge.id).catch((err) => console.error("receipt failed", err));

  return NextResponse.json({ chargeId: charge.id }, { status: 201 });
}
