public class Main {
    public static void main(String[] args) {
        while (true) {
            System.err.println("err err err err err err err err");
        }
    }
}
