const fs = require("fs");
fs.writeSync(2, "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n");
process.exitCode = 1;
