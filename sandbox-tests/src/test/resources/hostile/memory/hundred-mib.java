public class Main {
    public static void main(String[] args) {
        // 100 arrays of 1 MiB, each page written: the heap holds 100 MiB at once.
        byte[][] blocks = new byte[100][];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new byte[1 << 20];
            for (int page = 0; page < blocks[i].length; page += 4096) {
                blocks[i][page] = 'x';
            }
        }
        System.out.println("touched " + blocks.length + " MiB");
    }
}
