#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static int compare(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}

int main(void) {
    size_t count = 0;
    while (environ[count]) {
        count++;
    }
    qsort(environ, count, sizeof *environ, compare);
    for (size_t i = 0; i < count; i++) {
        printf("%.*s\n", (int) strcspn(environ[i], "="), environ[i]);
    }
    int fd = open("/proc/1/environ", O_RDONLY);
    printf("/proc/1/environ: %s\n", fd >= 0 ? "readable" : errno == EACCES ? "EACCES" : strerror(errno));
    return 0;
}
