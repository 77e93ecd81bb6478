process.stdout.write(require("fs").readFileSync(__filename));
// @@NUL@@ <- a NUL byte
