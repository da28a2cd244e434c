// The module serverless.yml names only re-exports the handler.
export { createOrder as handler } from "./impl/orders.js";
