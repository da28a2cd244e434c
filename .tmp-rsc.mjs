const rsc = await import("./node_modules/ai4/rsc/dist/rsc-server.mjs"); console.log(Object.keys(rsc));
const s = rsc.createStreamableValue(""); 
(async()=>{ await new Promise(r=>setTimeout(r,10)); s.append("a"); s.append("b"); s.done(); })();
const v = s.value; console.log(v);
for await (const x of rsc.readStreamableValue ? rsc.readStreamableValue(v) : []) console.log("read", x);
