package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"sort"
	"strings"
	"syscall"
	"time"
)

func count(path string, skipLo bool) int {
	data, _ := os.ReadFile(path)
	n := 0
	for _, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if line != "" && !(skipLo && strings.HasSuffix(strings.TrimSpace(line), "lo")) {
			n++
		}
	}
	return n
}

func errnoName(err error) string {
	for _, known := range []struct {
		errno syscall.Errno
		name  string
	}{{syscall.ENETUNREACH, "ENETUNREACH"}, {syscall.EHOSTUNREACH, "EHOSTUNREACH"}, {syscall.EPERM, "EPERM"}, {syscall.ECONNREFUSED, "ECONNREFUSED"}} {
		if errors.Is(err, known.errno) {
			return known.name
		}
	}
	return err.Error()
}

func describe(err error, started time.Time) string {
	if time.Since(started) < 500*time.Millisecond {
		return errnoName(err) + " fast"
	}
	return errnoName(err) + " slow"
}

func attempt(label, network, address string) {
	started := time.Now()
	conn, err := net.DialTimeout(network, address, 3*time.Second)
	if err == nil && network == "udp" {
		_, err = conn.Write([]byte("x"))
	}
	if err == nil {
		fmt.Println(label + ": SENT")
		conn.Close()
		return
	}
	fmt.Println(label+":", describe(err, started))
}

func main() {
	// /proc/net/dev lists every interface of the network namespace (gVisor has no /sys/class/net).
	data, _ := os.ReadFile("/proc/net/dev")
	var names []string
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if i >= 2 {
			names = append(names, strings.TrimSpace(strings.SplitN(line, ":", 2)[0]))
		}
	}
	sort.Strings(names)
	fmt.Println("interfaces:", strings.Join(names, " "))
	routes4, routes6 := count("/proc/net/route", false)-1, count("/proc/net/ipv6_route", true)
	fmt.Printf("routes: %d IPv4, %d IPv6\n", routes4, routes6)
	if strings.Join(names, " ") != "lo" || routes4 != 0 || routes6 != 0 {
		fmt.Println("NETWORK PRESENT: refusing to send anything")
		os.Exit(1)
	}
	attempt("tcp 192.0.2.1:80", "tcp", "192.0.2.1:80")
	attempt("tcp 203.0.113.1:443", "tcp", "203.0.113.1:443")
	attempt("tcp 169.254.169.254:80", "tcp", "169.254.169.254:80")
	attempt("tcp6 [2001:db8::1]:80", "tcp6", "[2001:db8::1]:80")
	attempt("udp 192.0.2.1:53", "udp", "192.0.2.1:53")
	started := time.Now()
	if _, err := net.LookupHost("jsandbox-canary.invalid"); err == nil {
		fmt.Println("dns: RESOLVED")
	} else if time.Since(started) < 500*time.Millisecond {
		fmt.Println("dns: failed fast")
	} else {
		fmt.Println("dns: failed slow")
	}
	for _, s := range []struct {
		label                  string
		family, kind, protocol int
	}{{"raw socket", syscall.AF_INET, syscall.SOCK_RAW, syscall.IPPROTO_ICMP}, {"packet socket", syscall.AF_PACKET, syscall.SOCK_RAW, 0}} {
		if fd, err := syscall.Socket(s.family, s.kind, s.protocol); err == nil {
			fmt.Println(s.label + ": OPENED")
			syscall.Close(fd)
		} else {
			fmt.Println(s.label+":", errnoName(err))
		}
	}
}
