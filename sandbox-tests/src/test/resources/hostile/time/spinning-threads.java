public class Main {
    static volatile long n;

    public static void main(String[] args) {
        for (int i = 0; i < 24; i++) {
            new Thread(() -> {
                while (true) {
                    n++;
                }
            }).start();
        }
        while (true) {
            n++;
        }
    }
}
