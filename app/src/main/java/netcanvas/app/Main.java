package netcanvas.app;

/** Entry point placeholder until the command line lands (replaced in the next commit). */
public final class Main {
    public static void main(String[] args) {
        System.out.println("NetCanvas");
    }
}
