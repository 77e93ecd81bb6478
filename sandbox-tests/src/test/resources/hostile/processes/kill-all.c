#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    pid_t children[3];
    for (int i = 0; i < 3; i++) {
        if ((children[i] = fork()) == 0) {
            sleep(100);
            _exit(0);
        }
    }
    kill(-1, SIGKILL);
    int killed = 0;
    for (int i = 0; i < 3; i++) {
        int status;
        waitpid(children[i], &status, 0);
        killed += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    }
    printf("children killed by SIGKILL: %d\n", killed);
    puts("the killer survived");
    return 0;
}
