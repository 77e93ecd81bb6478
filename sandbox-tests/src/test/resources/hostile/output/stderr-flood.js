for (;;) {
  console.error("err err err err err err err err");
}
