const fs = require("fs");
for (const path of ["/evil", "/usr/bin/evil", "/etc/evil", "/etc/passwd", "/home/evil", "/root/evil", "/var/evil",
                    "/workspace/../etc/evil", "/proc/sys/kernel/hostname", "/sys/fs/cgroup/pids/evil"]) {
  try {
    fs.appendFileSync(path, "x");
    console.log(path + ": WRITTEN");
  } catch (e) {
    console.log(path + ": " + e.code);
  }
}
