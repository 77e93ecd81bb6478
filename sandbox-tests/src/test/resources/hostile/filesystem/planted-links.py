import errno, os
print("clean workspace:", " ".join(sorted(os.listdir("/workspace"))))

def attempt(label, action):
    try:
        action()
        print(label + ": ok")
    except OSError as e:
        print(label + ":", errno.errorcode[e.errno])

os.symlink("/etc/shadow", "/workspace/shadow")
os.symlink("/proc/self/root", "/workspace/root")
os.symlink("/", "/workspace/slash")
os.symlink("@@hostCanaryFile@@", "/workspace/host")
os.symlink("/workspace/main.py", "/workspace/stdout")
os.mkfifo("/workspace/fifo")
attempt("shadow", lambda: open("/workspace/shadow").read())
attempt("root", lambda: os.listdir("/workspace/root/etc"))
attempt("host file", lambda: print(open("/workspace/host").read()))
attempt("fifo", lambda: os.close(os.open("/workspace/fifo", os.O_RDONLY | os.O_NONBLOCK)))
attempt("hardlink", lambda: os.link("/etc/passwd", "/workspace/passwd"))
