public class Main {
    public static void main(String[] args) {
        int started = 0;
        try {
            while (true) {
                Thread thread = new Thread(() -> {
                    try {
                        Thread.sleep(100_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                });
                thread.setDaemon(true);
                thread.start();
                started++;
            }
        } catch (OutOfMemoryError e) {
            System.out.println("thread limit reached after " + started + " threads");
        }
    }
}
