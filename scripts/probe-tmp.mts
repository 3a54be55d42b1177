import { loadSite } from "./io/load.ts";
import { TextSpill } from "./io/text-spill.ts";
import { writeHeapSnapshot } from "node:v8";
const spill = new TextSpill();
let l: any = loadSite(process.argv[2], { spill });
delete l.files; delete l.content;
(globalThis as any).gc();
console.log(Math.round(process.memoryUsage().heapUsed / 1048576), process.argv[3] ? writeHeapSnapshot("/tmp/mem/view.heapsnapshot") : "");
