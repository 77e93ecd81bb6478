const { Worker } = require("worker_threads");
for (let i = 0; i < 4; i++) {
  new Worker("for (;;) {}", { eval: true });
}
for (;;) {}
