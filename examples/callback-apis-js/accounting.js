'use strict';

/** Tell accounting about a receipt (returns a promise). */
module.exports.notifyAccounting = async (id) => {
  const res = await fetch(`${process.env.ACCOUNTING_URL}/receipts/${id}`, { method: 'POST' });
  if (!res.ok) throw new Error(`accounting answered ${res.status}`);
};
