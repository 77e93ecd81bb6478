#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *name(int e) {
    switch (e) {
    case EROFS: return "EROFS";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    default: return strerror(e);
    }
}

int main(void) {
    const char *paths[] = {"/evil", "/usr/bin/evil", "/etc/evil", "/etc/passwd", "/home/evil", "/root/evil",
                           "/var/evil", "/workspace/../etc/evil", "/proc/sys/kernel/hostname",
                           "/sys/fs/cgroup/pids/evil"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        int fd = open(paths[i], O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            printf("%s: WRITTEN\n", paths[i]);
            close(fd);
        } else {
            printf("%s: %s\n", paths[i], name(errno));
        }
    }
    return 0;
}
