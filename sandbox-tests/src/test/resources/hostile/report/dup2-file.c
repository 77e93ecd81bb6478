#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    int fd = open("/tmp/captured", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return 4;
    dup2(fd, 1);
    dup2(fd, 2);
    puts("into the file");
    fputs("into the file too\n", stderr);
    return 0;
}
