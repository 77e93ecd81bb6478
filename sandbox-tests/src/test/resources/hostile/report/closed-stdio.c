#include <stdio.h>
#include <unistd.h>

int main(void) {
    puts("before close");
    fflush(stdout);
    close(1);
    close(2);
    return 0;
}
