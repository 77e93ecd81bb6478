import errno
for path in ["/evil", "/usr/bin/evil", "/etc/evil", "/etc/passwd", "/home/evil", "/root/evil", "/var/evil",
             "/workspace/../etc/evil", "/proc/sys/kernel/hostname", "/sys/fs/cgroup/pids/evil"]:
    try:
        with open(path, "a") as f:
            f.write("x")
        print(path + ": WRITTEN")
    except OSError as e:
        print(path + ":", errno.errorcode[e.errno])
