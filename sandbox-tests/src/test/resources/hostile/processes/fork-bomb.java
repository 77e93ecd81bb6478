import java.util.ArrayList;
import java.util.List;

public class Main {
    public static void main(String[] args) {
        List<Process> children = new ArrayList<>();
        while (true) {
            try {
                children.add(new ProcessBuilder("sleep", "100").start());
            } catch (Exception | Error e) {
                // the process limit: keep trying
            }
        }
    }
}
