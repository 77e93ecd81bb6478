#include <stdio.h>
#include <unistd.h>

int main(void) {
    char buf[65536];
    long total = 0;
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        total += n;
    }
    printf("%ld bytes\n", total);
    return 0;
}
