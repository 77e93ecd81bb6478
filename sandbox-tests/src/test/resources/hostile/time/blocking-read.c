#define _GNU_SOURCE
#include <unistd.h>

int main(void) {
    int fds[2];
    char c;
    pipe(fds);
    return (int) read(fds[0], &c, 1);
}
