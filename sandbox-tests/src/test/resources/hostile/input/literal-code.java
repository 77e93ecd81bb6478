// $(touch /tmp/pwned) `touch /tmp/pwned` ; rm -rf / ; ../../etc/passwd '"\ \n %s {} ${HOME} | & > < *
import java.nio.file.Files;
import java.nio.file.Path;

public class Main {
    public static void main(String[] args) throws Exception {
        System.out.write(Files.readAllBytes(Path.of("Main.java")));
        System.out.flush();
    }
}
