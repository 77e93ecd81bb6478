for (const name of Object.keys(process.env).sort()) {
  console.log(name);
}
try {
  require("fs").readFileSync("/proc/1/environ");
  console.log("/proc/1/environ: readable");
} catch (e) {
  console.log("/proc/1/environ: " + e.code);
}
