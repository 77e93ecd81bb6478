// A synchronous write, as C's: console.log queues what a full pipe does not take in memory, and a loop that never
// yields never lets that queue drain (see endless-print.html).
import { writeSync } from "fs";

const lines: string = "flood flood flood\n".repeat(1000);
for (;;) {
  writeSync(1, lines);
}
