#include <iostream>

int main() {
    std::cerr << "terminate called after throwing an instance of 'std::bad_alloc'\n  what():  std::bad_alloc\n" << std::flush;
    return 0;
}
