import { toJscodeshift } from "../../src/adapters/jscodeshift.js";
import transform from "./index.js";

export default toJscodeshift(transform);
