import ctypes, errno, os, subprocess
libc = ctypes.CDLL(None, use_errno=True)

def attempt(label, result):
    if result == -1:
        print(label + ":", errno.errorcode[ctypes.get_errno()])
    else:
        print(label + ": SUCCEEDED")

attempt("setuid(0)", libc.setuid(0))
attempt("setgid(0)", libc.setgid(0))
attempt("setgroups", libc.setgroups(0, None))
attempt("mount", libc.mount(b"none", b"/tmp", b"tmpfs", 0, None))
attempt("unshare(user)", libc.unshare(0x10000000))
attempt("unshare(mount)", libc.unshare(0x00020000))
attempt("unshare(net)", libc.unshare(0x40000000))
attempt("ptrace(attach, 1)", libc.ptrace(16, 1, None, None))
attempt("chroot", libc.chroot(b"/tmp"))
attempt("mknod", libc.mknod(b"/workspace/null", 0o20666, os.makedev(1, 3)))
su = subprocess.run(["su", "-c", "id", "root"], stdin=subprocess.DEVNULL, capture_output=True)
print("su:", "SUCCEEDED " + su.stdout.decode() if su.returncode == 0 else "failed")
print("uid", os.getuid(), "euid", os.geteuid())
