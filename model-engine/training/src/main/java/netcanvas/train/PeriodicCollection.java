package netcanvas.train;

/**
 * Runs the Java garbage collector every few seconds of training. Off-heap arrays that training drops (the per-step
 * copies of statistics and logits, and every array of each epoch's evaluation, which runs through SameDiff's session)
 * wait for the collector, but they weigh almost nothing on the Java heap, so on its own the collector seldom runs:
 * measured when training still ran through SameDiff's fit, a ResNet-20 run on Fashion-MNIST grew by 3-5 GB of
 * resident memory per epoch until the kernel killed it at 24 GB (ND4J's own periodic collection did not slow that).
 * A collection of the small heap takes a fraction of the interval.
 */
final class PeriodicCollection {
    private final long intervalNanos;
    private long last = System.nanoTime();

    PeriodicCollection(double seconds) {
        this.intervalNanos = (long) (seconds * 1e9);
    }

    /** Called after each step. */
    void stepDone() {
        long now = System.nanoTime();
        if (now - last >= intervalNanos) {
            System.gc();
            last = System.nanoTime();
        }
    }
}
