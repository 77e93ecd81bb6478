import errno, os, socket, stat
for path in ["/var/run/docker.sock", "/run/docker.sock", "/run/containerd/containerd.sock",
             "/var/run/docker/containerd/containerd.sock"]:
    s = socket.socket(socket.AF_UNIX)
    try:
        s.connect(path)
        print(path + ": CONNECTED")
    except OSError as e:
        print(path + ":", errno.errorcode[e.errno])
    finally:
        s.close()
found = 0
for top, dirs, files in os.walk("/", onerror=lambda e: None):
    if top in ("/proc", "/sys"):
        dirs[:] = []
        continue
    for name in files:
        try:
            if stat.S_ISSOCK(os.lstat(os.path.join(top, name)).st_mode):
                found += 1
                print("socket:", os.path.join(top, name))
        except OSError:
            pass
print("sockets on the file system:", found)
for port in (2375, 2376):
    s = socket.socket()
    s.settimeout(2)
    try:
        s.connect(("127.0.0.1", port))
        print("127.0.0.1:%d: CONNECTED" % port)
    except OSError as e:
        print("127.0.0.1:%d:" % port, errno.errorcode.get(e.errno, e))
    finally:
        s.close()
