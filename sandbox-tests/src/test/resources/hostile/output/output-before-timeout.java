public class Main {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("partial output");
        System.out.flush();
        System.err.println("partial error");
        Thread.sleep(100_000);
    }
}
