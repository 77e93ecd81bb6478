// The main program prints, then leaves a double-forked daemon in its own session that holds the stdout and stderr
// pipes and keeps writing to both, and exits 0 while the daemon runs.
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    puts("main exits");
    fflush(stdout);
    if (fork() == 0) {
        setsid();
        if (fork() == 0) {
            for (;;) {
                if (write(1, "daemon\n", 7) < 0 || write(2, "daemon\n", 7) < 0) _exit(0);
                usleep(20000);
            }
        }
        _exit(0);
    }
    wait(NULL);
    return 0;
}
