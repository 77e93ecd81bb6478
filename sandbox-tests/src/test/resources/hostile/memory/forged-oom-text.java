public class Main {
    public static void main(String[] args) {
        System.err.print("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n");
        System.err.flush();
        System.exit(0);
    }
}
