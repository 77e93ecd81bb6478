#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    for (;;) {
        char *block = malloc(8 << 20);
        if (block == NULL) {
            return 3;
        }
        memset(block, 'x', 8 << 20);
    }
    puts("survived");
}
