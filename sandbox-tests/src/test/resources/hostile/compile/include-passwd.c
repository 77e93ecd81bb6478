#include "/etc/passwd"
#include "@@hostCanaryFile@@"

int main(void) {
    return 0;
}
