#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *name(int e) {
    switch (e) {
    case ENETUNREACH: return "ENETUNREACH";
    case EHOSTUNREACH: return "EHOSTUNREACH";
    case EPERM: return "EPERM";
    case EACCES: return "EACCES";
    case ECONNREFUSED: return "ECONNREFUSED";
    default: return strerror(e);
    }
}

static int lines(const char *path, int skip_lo) {
    FILE *f = fopen(path, "r");
    char line[512];
    int count = 0;
    while (f && fgets(line, sizeof line, f)) {
        size_t len = strcspn(line, "\n");
        if (!(skip_lo && len >= 2 && strncmp(line + len - 2, "lo", 2) == 0)) {
            count++;
        }
    }
    return count;
}

static void attempt(const char *label, int family, int type, const char *host, int port) {
    struct sockaddr_storage address;
    socklen_t size;
    memset(&address, 0, sizeof address);
    if (family == AF_INET) {
        struct sockaddr_in *in = (struct sockaddr_in *) &address;
        in->sin_family = AF_INET;
        in->sin_port = htons(port);
        inet_pton(AF_INET, host, &in->sin_addr);
        size = sizeof *in;
    } else {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) &address;
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        inet_pton(AF_INET6, host, &in6->sin6_addr);
        size = sizeof *in6;
    }
    int s = socket(family, type, 0);
    double started = now();
    int result = type == SOCK_DGRAM ? (int) sendto(s, "x", 1, 0, (struct sockaddr *) &address, size)
                                    : connect(s, (struct sockaddr *) &address, size);
    if (result >= 0) {
        printf("%s: SENT\n", label);
    } else {
        printf("%s: %s %s\n", label, name(errno), now() - started < 0.5 ? "fast" : "slow");
    }
    close(s);
}

int main(void) {
    /* /proc/net/dev lists every interface of the network namespace (gVisor has no /sys/class/net). */
    FILE *dev = fopen("/proc/net/dev", "r");
    char line[512];
    int others = dev == NULL, row = 0;
    printf("interfaces:");
    while (dev != NULL && fgets(line, sizeof line, dev) != NULL) {
        char *colon = strchr(line, ':'), *name = line;
        if (row++ < 2 || colon == NULL) {
            continue;
        }
        *colon = '\0';
        while (*name == ' ') {
            name++;
        }
        printf(" %s", name);
        others += strcmp(name, "lo") != 0;
    }
    if (dev != NULL) {
        fclose(dev);
    }
    printf("\n");
    int routes4 = lines("/proc/net/route", 0) - 1, routes6 = lines("/proc/net/ipv6_route", 1);
    printf("routes: %d IPv4, %d IPv6\n", routes4, routes6);
    if (others || routes4 || routes6) {
        puts("NETWORK PRESENT: refusing to send anything");
        return 1;
    }
    fflush(stdout);
    attempt("tcp 192.0.2.1:80", AF_INET, SOCK_STREAM, "192.0.2.1", 80);
    attempt("tcp 203.0.113.1:443", AF_INET, SOCK_STREAM, "203.0.113.1", 443);
    attempt("tcp 169.254.169.254:80", AF_INET, SOCK_STREAM, "169.254.169.254", 80);
    attempt("tcp6 [2001:db8::1]:80", AF_INET6, SOCK_STREAM, "2001:db8::1", 80);
    attempt("udp 192.0.2.1:53", AF_INET, SOCK_DGRAM, "192.0.2.1", 53);
    struct addrinfo *found;
    double started = now();
    if (getaddrinfo("jsandbox-canary.invalid", "80", NULL, &found) == 0) {
        puts("dns: RESOLVED");
    } else {
        printf("dns: failed %s\n", now() - started < 0.5 ? "fast" : "slow");
    }
    int raw = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
    printf("raw socket: %s\n", raw >= 0 ? "OPENED" : name(errno));
    int packet = socket(AF_PACKET, SOCK_RAW, 0);
    printf("packet socket: %s\n", packet >= 0 ? "OPENED" : name(errno));
    return 0;
}
