import errno, os
chunk = b"x" * (1 << 20)
for area in ("/tmp", "/dev/shm", "/workspace"):
    written = 0
    try:
        with open(os.path.join(area, "filler"), "wb", buffering=0) as f:
            while written < (1 << 30):
                written += f.write(chunk)
        print(area + ": no limit after", written >> 20, "MiB")
    except OSError as e:
        fs = os.statvfs(area)
        size, used = fs.f_blocks * fs.f_frsize >> 20, (fs.f_blocks - fs.f_bfree) * fs.f_frsize >> 20
        print("%s: %s, %d of %d MiB used" % (area, errno.errorcode[e.errno], used, size))
