#include <stdio.h>
#include <unistd.h>

int main(void) {
    FILE *random = fopen("/dev/urandom", "rb");
    char buf[65536];
    for (;;) {
        size_t n = fread(buf, 1, sizeof buf, random);
        write(1, buf, n);
    }
}
