#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    size_t size = 100000000;
    char *data = malloc(size);
    memset(data, 'y', size);
    return write(1, data, size) < 0;
}
