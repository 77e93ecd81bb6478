#include <unistd.h>

int main(void) {
    static const char bytes[] = "ok \xff\xc3( end\n";
    return write(1, bytes, sizeof bytes - 1) < 0;
}
