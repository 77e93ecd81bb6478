// Sends the runner (PID 1) the signals a confused or hostile program might: termination, job control, its child
// and deadline signals. PID 1 of a PID namespace only receives those it has a handler for, and the runner's
// SIGCHLD and SIGALRM handlers ignore signals that do not come from the kernel or its own children.
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    int signals[] = {SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGSTOP, SIGCHLD, SIGALRM};
    int sent = 0;
    for (unsigned i = 0; i < sizeof signals / sizeof *signals; i++) {
        if (kill(1, signals[i]) == 0) sent++;
        else printf("kill(1, %d) failed\n", signals[i]);
    }
    usleep(200000);
    printf("sent %d signals to pid 1\nok\n", sent);
    return 0;
}
