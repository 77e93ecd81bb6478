#include <iostream>
#include <string>
#include <vector>

int main() {
    std::vector<std::string> blocks;
    for (;;) {
        blocks.emplace_back(8 << 20, 'x');
    }
    std::cout << "survived" << std::endl;
}
