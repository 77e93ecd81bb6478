#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    pid_t child = fork();
    if (child == 0) {
        for (;;) {
            char *block = malloc(8 << 20);
            if (block) {
                memset(block, 'x', 8 << 20);
            }
        }
    }
    int status;
    waitpid(child, &status, 0);
    printf("child ended with %d\n", WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status));
    return 0;
}
