#define _GNU_SOURCE
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    if (fork() == 0) {
        setsid();
        if (fork() == 0) {
            for (;;) {
                FILE *f = fopen("/tmp/daemon-was-here", "w");
                if (f) {
                    fputs("here", f);
                    fclose(f);
                }
                usleep(50000);
            }
        }
        _exit(0);
    }
    wait(NULL);
    puts("main exits");
    return 0;
}
