package netcanvas.files;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Shows that work runs in the background (a model being read or written) and keeps the window from taking new
 * edits meanwhile, without blocking the JavaFX thread: the window gives its status bar's indicator.
 */
public interface Busy {
    /** Called on the FX thread when background work starts, with a note for the user. */
    void start(String note);

    /** Called on the FX thread when it has ended (before its result is applied). */
    void stop();

    /** For windows without an indicator. */
    Busy NONE = new Busy() {
        @Override
        public void start(String note) {
        }

        @Override
        public void stop() {
        }
    };

    /** Runs work on a new daemon thread; the future completes there (with the work's exception, if it throws). */
    static <T> CompletableFuture<T> offFxThread(String name, Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** The exception a background task threw, without the future's wrapping. */
    static Throwable cause(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
