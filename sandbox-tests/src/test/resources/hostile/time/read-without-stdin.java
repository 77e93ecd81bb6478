public class Main {
    public static void main(String[] args) throws Exception {
        byte[] data = System.in.readAllBytes();
        System.out.println("read " + data.length + " bytes");
    }
}
