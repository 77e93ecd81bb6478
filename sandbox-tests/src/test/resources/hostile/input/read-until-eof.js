let total = 0;
process.stdin.on("data", (chunk) => (total += chunk.length));
process.stdin.on("end", () => console.log(total, "bytes"));
