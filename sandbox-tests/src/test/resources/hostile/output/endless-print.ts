const line: string = "flood flood flood";
for (;;) {
  console.log(line);
}
