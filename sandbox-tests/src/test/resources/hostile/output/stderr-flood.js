// A synchronous write: see endless-print.js.
const fs = require("fs");
const lines = "err err err err err err err err\n".repeat(1000);
for (;;) {
  fs.writeSync(2, lines);
}
