import errno, os, socket, sys, time
# /proc/net/dev lists every interface of the network namespace (gVisor has no /sys/class/net).
interfaces = sorted(line.split(":")[0].strip() for line in open("/proc/net/dev").read().splitlines()[2:])
print("interfaces:", " ".join(interfaces))
routes4 = open("/proc/net/route").read().splitlines()[1:]
routes6 = [line for line in open("/proc/net/ipv6_route").read().splitlines() if not line.rstrip().endswith("lo")]
print("routes:", len(routes4), "IPv4,", len(routes6), "IPv6")
if interfaces != ["lo"] or routes4 or routes6:
    print("NETWORK PRESENT: refusing to send anything")
    sys.exit(1)

def attempt(label, family, kind, address):
    s = socket.socket(family, kind)
    s.settimeout(3)
    started = time.monotonic()
    try:
        if kind == socket.SOCK_DGRAM:
            s.sendto(b"x", address)
        else:
            s.connect(address)
        print(label + ": SENT")
    except OSError as e:
        fast = "fast" if time.monotonic() - started < 0.5 else "slow"
        print(label + ":", errno.errorcode.get(e.errno, str(e)), fast)
    finally:
        s.close()

attempt("tcp 192.0.2.1:80", socket.AF_INET, socket.SOCK_STREAM, ("192.0.2.1", 80))
attempt("tcp 203.0.113.1:443", socket.AF_INET, socket.SOCK_STREAM, ("203.0.113.1", 443))
attempt("tcp 169.254.169.254:80", socket.AF_INET, socket.SOCK_STREAM, ("169.254.169.254", 80))
attempt("tcp6 [2001:db8::1]:80", socket.AF_INET6, socket.SOCK_STREAM, ("2001:db8::1", 80))
attempt("udp 192.0.2.1:53", socket.AF_INET, socket.SOCK_DGRAM, ("192.0.2.1", 53))
started = time.monotonic()
try:
    socket.getaddrinfo("jsandbox-canary.invalid", 80)
    print("dns: RESOLVED")
except OSError:
    print("dns: failed", "fast" if time.monotonic() - started < 0.5 else "slow")
for label, family, kind, protocol in (("raw socket", socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP),
                                      ("packet socket", socket.AF_PACKET, socket.SOCK_RAW, 0)):
    try:
        socket.socket(family, kind, protocol).close()
        print(label + ": OPENED")
    except OSError as e:
        print(label + ":", errno.errorcode[e.errno])
