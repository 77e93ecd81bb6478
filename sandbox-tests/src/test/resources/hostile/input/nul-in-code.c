#include <stdio.h>

int main(void) {
    FILE *source = fopen("main.c", "rb");
    int c;
    while ((c = fgetc(source)) != EOF) {
        putchar(c);
    }
    return 0;
}
/* @@NUL@@ <- a NUL byte */
