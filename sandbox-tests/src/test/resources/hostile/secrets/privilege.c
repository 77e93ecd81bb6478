#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

static void attempt(const char *label, int result) {
    if (result == -1) {
        printf("%s: %s\n", label, errno == EPERM ? "EPERM" : errno == EACCES ? "EACCES" : strerror(errno));
    } else {
        printf("%s: SUCCEEDED\n", label);
    }
}

int main(void) {
    attempt("setuid(0)", setuid(0));
    attempt("setgid(0)", setgid(0));
    attempt("setgroups", setgroups(0, NULL));
    attempt("mount", mount("none", "/tmp", "tmpfs", 0, NULL));
    attempt("unshare(user)", unshare(CLONE_NEWUSER));
    attempt("unshare(mount)", unshare(CLONE_NEWNS));
    attempt("unshare(net)", unshare(CLONE_NEWNET));
    attempt("ptrace(attach, 1)", (int) ptrace(PTRACE_ATTACH, 1, NULL, NULL));
    attempt("chroot", chroot("/tmp"));
    attempt("mknod", mknod("/workspace/null", S_IFCHR | 0666, makedev(1, 3)));
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int devnull = open("/dev/null", O_RDWR);
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(devnull, 2);
        execl("/usr/bin/su", "su", "-c", "id", "root", (char *) NULL);
        _exit(127);
    }
    int status;
    waitpid(child, &status, 0);
    printf("su: %s\n", WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "SUCCEEDED" : "failed");
    printf("uid %d euid %d\n", (int) getuid(), (int) geteuid());
    return 0;
}
