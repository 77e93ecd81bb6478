#include <stdio.h>
#include <stdlib.h>

int main(void) {
    size_t size = (size_t) 100 << 20;
    // Written through a volatile pointer, page by page, so the compiler can neither drop the block nor its pages.
    volatile char *block = malloc(size);
    if (block == NULL) return 3;
    for (size_t i = 0; i < size; i += 4096) {
        block[i] = 'x';
    }
    printf("touched %zu MiB\n", size >> 20);
    return 0;
}
