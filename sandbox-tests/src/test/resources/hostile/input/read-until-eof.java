public class Main {
    public static void main(String[] args) throws Exception {
        byte[] buffer = new byte[65536];
        long total = 0;
        for (int n = System.in.read(buffer); n >= 0; n = System.in.read(buffer)) {
            total += n;
        }
        System.out.println(total + " bytes");
    }
}
