import { runJob } from "./impl/jobs.js";

export default runJob;
