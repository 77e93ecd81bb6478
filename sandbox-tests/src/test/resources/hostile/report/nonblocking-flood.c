// O_NONBLOCK on stdout and stderr, then 512 KiB on each (eight times the 64 KiB pipe buffer), every write retried on
// EAGAIN until it is taken, then exit 0 at once. The descriptors are the runner's pipes, not the host's stream.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

static void flood(int fd, char c, long total) {
    char block[4096];
    memset(block, c, sizeof block);
    block[sizeof block - 1] = '\n';
    for (long sent = 0; sent < total;) {
        long want = total - sent < (long) sizeof block ? total - sent : (long) sizeof block;
        ssize_t n = write(fd, block + (sizeof block - want), (size_t) want);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            struct pollfd p = {fd, POLLOUT, 0};
            poll(&p, 1, 100);
            continue;
        }
        if (n < 0) _exit(4);
        sent += n;
    }
}

int main(void) {
    fcntl(1, F_SETFL, fcntl(1, F_GETFL) | O_NONBLOCK);
    fcntl(2, F_SETFL, fcntl(2, F_GETFL) | O_NONBLOCK);
    flood(1, 'o', 512L * 1024);
    flood(2, 'e', 512L * 1024);
    _exit(0);
}
