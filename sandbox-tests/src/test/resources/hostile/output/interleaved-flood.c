#include <pthread.h>
#include <string.h>
#include <unistd.h>

static char out[16384], err[16384];

static void *flood_err(void *arg) {
    (void) arg;
    for (;;) {
        write(2, err, sizeof err);
    }
    return 0;
}

int main(void) {
    for (size_t i = 0; i < sizeof out; i += 4) {
        memcpy(out + i, "out\n", 4);
        memcpy(err + i, "err\n", 4);
    }
    pthread_t thread;
    pthread_create(&thread, 0, flood_err, 0);
    for (;;) {
        write(1, out, sizeof out);
    }
}
