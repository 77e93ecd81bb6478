import java.util.Arrays;

public class Main {
    public static void main(String[] args) throws Exception {
        byte[] data = new byte[100_000_000];
        Arrays.fill(data, (byte) 'y');
        System.out.write(data);
        System.out.flush();
    }
}
