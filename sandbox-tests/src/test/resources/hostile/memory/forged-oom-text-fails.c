#include <stdio.h>

int main(void) {
    fputs("Out of memory: Killed process 2 (main)\nmalloc: Cannot allocate memory\n", stderr);
    return 1;
}
