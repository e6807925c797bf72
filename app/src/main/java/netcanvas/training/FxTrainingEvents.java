package netcanvas.training;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;
import netcanvas.train.TrainingListener;

/**
 * Carries a trainer's events from its thread to the JavaFX thread in batches: events queue up here and at most one
 * drain is waiting in Platform.runLater at a time, so a fast run posts once per frame, not once per iteration, and the
 * FX thread redraws once per batch.
 */
public final class FxTrainingEvents implements TrainingListener {

    /** What the FX thread receives: everything that happened since the last batch, in order. */
    public interface Sink {
        void deliver(List<Object> events);
    }

    private final Object lock = new Object();
    private List<Object> pending = new ArrayList<>();
    private final AtomicBoolean posted = new AtomicBoolean();
    private final AtomicLong posts = new AtomicLong();
    private final Consumer<Runnable> fxThread;
    private final Sink sink;

    public FxTrainingEvents(Sink sink) {
        this(sink, Platform::runLater);
    }

    FxTrainingEvents(Sink sink, Consumer<Runnable> fxThread) {
        this.sink = sink;
        this.fxThread = fxThread;
    }

    private void queue(Object event) {
        synchronized (lock) {
            pending.add(event);
        }
        if (posted.compareAndSet(false, true)) {
            posts.incrementAndGet();
            fxThread.accept(this::drain);
        }
    }

    private void drain() {
        List<Object> batch;
        synchronized (lock) {
            // cleared under the lock, so an event queued after this swap posts a new drain
            posted.set(false);
            batch = pending;
            pending = new ArrayList<>();
        }
        if (!batch.isEmpty()) {
            sink.deliver(batch);
        }
    }

    /** How many drains were posted to the FX thread so far. */
    public long posts() {
        return posts.get();
    }

    @Override
    public void message(String text) {
        queue(text);
    }

    @Override
    public void iteration(Iteration e) {
        queue(e);
    }

    @Override
    public void epoch(Epoch e) {
        queue(e);
    }

    @Override
    public void finished(Result r) {
        queue(r);
    }
}
