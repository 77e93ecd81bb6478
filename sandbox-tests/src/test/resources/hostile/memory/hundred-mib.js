const block = Buffer.alloc(100 << 20, "x");
console.log("touched", block.length >> 20, "MiB");
