// A synchronous write, as C's: console.log queues what a full pipe does not take in memory, and a loop that never
// yields never lets that queue drain (see endless-print.html).
const fs = require("fs");
const lines = "flood flood flood\n".repeat(1000);
for (;;) {
  fs.writeSync(1, lines);
}
