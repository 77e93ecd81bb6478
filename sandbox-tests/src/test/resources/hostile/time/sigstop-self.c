#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    puts("stopping");
    fflush(stdout);
    kill(getpid(), SIGSTOP);
    puts("resumed");
    return 0;
}
