const blocks = [];
for (;;) {
  blocks.push(Buffer.alloc(8 << 20, "x"));
}
