for (;;) {
  console.log("flood flood flood");
}
