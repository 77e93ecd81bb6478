const blocks: string[][] = [];
for (;;) {
  blocks.push(new Array<string>(1 << 20).fill("x".repeat(8)));
}
