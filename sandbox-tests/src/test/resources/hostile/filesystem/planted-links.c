#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *name(int e) {
    switch (e) {
    case EACCES: return "EACCES";
    case ENOENT: return "ENOENT";
    case EXDEV: return "EXDEV";
    case EPERM: return "EPERM";
    default: return strerror(e);
    }
}

static void report(const char *label, int ok) {
    if (ok) {
        printf("%s: ok\n", label);
    } else {
        printf("%s: %s\n", label, name(errno));
    }
}

int main(void) {
    /* Sorted: readdir's order is the file system's own (gVisor's tmpfs lists in another order than Linux's). */
    struct dirent **entries;
    int count = scandir("/workspace", &entries, NULL, alphasort);
    printf("clean workspace:");
    for (int i = 0; i < count; i++) {
        if (entries[i]->d_name[0] != '.') {
            printf(" %s", entries[i]->d_name);
        }
    }
    printf("\n");
    symlink("/etc/shadow", "/workspace/shadow");
    symlink("/proc/self/root", "/workspace/root");
    symlink("/", "/workspace/slash");
    symlink("@@hostCanaryFile@@", "/workspace/host");
    mkfifo("/workspace/fifo", 0600);
    int fd = open("/workspace/shadow", O_RDONLY);
    report("shadow", fd >= 0);
    report("root", opendir("/workspace/root/etc") != NULL);
    fd = open("/workspace/host", O_RDONLY);
    report("host file", fd >= 0);
    fd = open("/workspace/fifo", O_RDONLY | O_NONBLOCK);
    report("fifo", fd >= 0);
    report("hardlink", link("/etc/passwd", "/workspace/passwd") == 0);
    return 0;
}
