#include <stdio.h>

static char big[1L << 30];

int main(void) {
    volatile char *pages = big; /* volatile: the optimiser must not drop the writes */
    for (long i = 0; i < (long) sizeof big; i += 4096) {
        pages[i] = 1;
    }
    puts("survived");
    return 0;
}
