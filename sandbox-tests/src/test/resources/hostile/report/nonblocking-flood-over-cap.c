// O_NONBLOCK on stdout and stderr, then twice the output cap on stdout, every write retried on EAGAIN.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    fcntl(1, F_SETFL, fcntl(1, F_GETFL) | O_NONBLOCK);
    fcntl(2, F_SETFL, fcntl(2, F_GETFL) | O_NONBLOCK);
    char block[4096];
    memset(block, 'o', sizeof block);
    block[sizeof block - 1] = '\n';
    for (long sent = 0; sent < 2L * @@maxOutputBytes@@;) {
        ssize_t n = write(1, block, sizeof block);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            struct pollfd p = {1, POLLOUT, 0};
            poll(&p, 1, 100);
            continue;
        }
        if (n < 0) _exit(4);
        sent += n;
    }
    _exit(0);
}
