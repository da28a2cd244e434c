import { track } from "../../lib/analytics";

type Res = { status(code: number): { json(body: unknown): void } };

export default async function handler(req: { url?: string }, res: Res) {
  await track("legacy_api", { url: req.url });
  res.status(200).json({ ok: true });
}
