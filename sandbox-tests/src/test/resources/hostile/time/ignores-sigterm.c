#define _GNU_SOURCE
#include <signal.h>

int main(void) {
    for (int sig = 1; sig < NSIG; sig++) {
        signal(sig, SIG_IGN);
    }
    volatile unsigned long n = 0;
    for (;;) {
        n++;
    }
}
