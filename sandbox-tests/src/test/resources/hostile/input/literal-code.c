/* $(touch /tmp/pwned) `touch /tmp/pwned` ; rm -rf / ; ../../etc/passwd '"\ \n %s {} ${HOME} | & > < * */
#include <stdio.h>

int main(void) {
    FILE *source = fopen("main.c", "rb");
    int c;
    while ((c = fgetc(source)) != EOF) {
        putchar(c);
    }
    return 0;
}
