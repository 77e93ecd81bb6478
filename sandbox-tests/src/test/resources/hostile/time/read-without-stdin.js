const data = require("fs").readFileSync(0);
console.log("read", data.length, "bytes");
