public class Main {
    public static void main(String[] args) throws Exception {
        System.out.write(new byte[] {'o', 'k', ' ', (byte) 0xff, (byte) 0xc3, '(', ' ', 'e', 'n', 'd', '\n'});
        System.out.flush();
    }
}
