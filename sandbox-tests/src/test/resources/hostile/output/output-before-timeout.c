#define _GNU_SOURCE
#include <stdio.h>
#include <unistd.h>

int main(void) {
    puts("partial output");
    fflush(stdout);
    fputs("partial error\n", stderr);
    sleep(100);
    return 0;
}
