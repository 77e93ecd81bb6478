#include <stdint.h>
#include <stdio.h>

int main(void) {
    puts("crashing");
    fflush(stdout);
    // Read through a volatile, so the compiler cannot see the null pointer (and turn the write into a trap).
    volatile uintptr_t address = 0;
    *(volatile int *) address = 1;
    puts("survived");
    return 0;
}
