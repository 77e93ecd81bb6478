#include <pthread.h>

static void *spin(void *arg) {
    volatile unsigned long n = 0;
    (void) arg;
    for (;;) {
        n++;
    }
    return 0;
}

int main(void) {
    pthread_t thread;
    for (int i = 0; i < 32; i++) {
        pthread_create(&thread, 0, spin, 0);
    }
    spin(0);
}
