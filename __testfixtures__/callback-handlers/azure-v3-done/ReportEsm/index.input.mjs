import { load } from "../lib/store.mjs";

export default function (context, req) {
  load(req.params.id, (err, doc) => {
    if (err) return context.done(err);
    context.done(null, { res: { body: doc } });
  });
}
