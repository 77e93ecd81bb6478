// Node has no raw sockets; the rest as in network.py.
const fs = require("fs");
const net = require("net");
const dgram = require("dgram");
const dns = require("dns");

// /proc/net/dev lists every interface of the network namespace (gVisor has no /sys/class/net).
const interfaces = fs.readFileSync("/proc/net/dev", "utf8").trim().split("\n").slice(2)
  .map((line) => line.split(":")[0].trim()).sort();
console.log("interfaces: " + interfaces.join(" "));
const routes4 = fs.readFileSync("/proc/net/route", "utf8").trim().split("\n").length - 1;
const routes6 = fs.readFileSync("/proc/net/ipv6_route", "utf8").split("\n")
  .filter((line) => line.trim() !== "" && !line.trim().endsWith("lo")).length;
console.log(`routes: ${routes4} IPv4, ${routes6} IPv6`);
if (interfaces.join(" ") !== "lo" || routes4 !== 0 || routes6 !== 0) {
  console.log("NETWORK PRESENT: refusing to send anything");
  process.exit(1);
}

const speed = (started) => (Date.now() - started < 500 ? "fast" : "slow");

function tcp(label, host, port) {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect({ host, port, timeout: 3000 });
    socket.on("connect", () => { console.log(label + ": SENT"); socket.destroy(); resolve(); });
    socket.on("timeout", () => { console.log(label + ": TIMEOUT"); socket.destroy(); resolve(); });
    socket.on("error", (e) => { console.log(`${label}: ${e.code} ${speed(started)}`); resolve(); });
  });
}

function udp(label, host, port) {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = dgram.createSocket("udp4");
    socket.send("x", port, host, (e) => {
      console.log(e ? `${label}: ${e.code} ${speed(started)}` : label + ": SENT");
      socket.close();
      resolve();
    });
  });
}

(async () => {
  await tcp("tcp 192.0.2.1:80", "192.0.2.1", 80);
  await tcp("tcp 203.0.113.1:443", "203.0.113.1", 443);
  await tcp("tcp 169.254.169.254:80", "169.254.169.254", 80);
  await tcp("tcp6 [2001:db8::1]:80", "2001:db8::1", 80);
  await udp("udp 192.0.2.1:53", "192.0.2.1", 53);
  const started = Date.now();
  dns.lookup("jsandbox-canary.invalid", (e) => console.log(e ? "dns: failed " + speed(started) : "dns: RESOLVED"));
})();
