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

static int unshare_user(void) { return unshare(CLONE_NEWUSER); }
static int unshare_mount(void) { return unshare(CLONE_NEWNS); }
static int unshare_net(void) { return unshare(CLONE_NEWNET); }
static int chroot_tmp(void) { return chroot("/tmp"); }

/* Namespaces and chroot change the process that makes them: each is tried in a child of its own, so that one that
 * succeeds (under gVisor, inside gVisor's own kernel) changes nothing for the attempts after it. */
static void attempt_in_child(const char *label, int (*call)(void)) {
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        attempt(label, call());
        fflush(stdout);
        _exit(0);
    }
    waitpid(child, NULL, 0);
}

int main(void) {
    attempt("setuid(0)", setuid(0));
    attempt("setgid(0)", setgid(0));
    attempt("setgroups", setgroups(0, NULL));
    attempt("mount", mount("none", "/tmp", "tmpfs", 0, NULL));
    attempt_in_child("unshare(user)", unshare_user);
    attempt_in_child("unshare(mount)", unshare_mount);
    attempt_in_child("unshare(net)", unshare_net);
    attempt("ptrace(attach, 1)", (int) ptrace(PTRACE_ATTACH, 1, NULL, NULL));
    attempt_in_child("chroot", chroot_tmp);
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
