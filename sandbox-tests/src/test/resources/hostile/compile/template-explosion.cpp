template <int N, long M>
struct Explode {
    static constexpr long value = Explode<N - 1, 2 * M>::value + Explode<N - 1, 2 * M + 1>::value;
};

template <long M>
struct Explode<0, M> {
    static constexpr long value = M;
};

int main() {
    return static_cast<int>(Explode<30, 1>::value & 1);
}
