package netcanvas.report;

import java.util.Objects;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Optimizer;
import netcanvas.analysis.MemoryEstimate;
import netcanvas.graph.Input;
import netcanvas.graph.Node;
import netcanvas.graph.Shape;

/**
 * A network's analysis ready to be written as a table, JSON, CSV or Markdown. The command line prints it; the
 * desktop app exports it. Optionally carries a training set-up, for the table's training-memory estimate.
 */
public final class SummaryReport {
    private final Analysis analysis;
    private final int batch;
    private final Optimizer optimizer;
    private final CostConvention cost;

    private SummaryReport(Analysis analysis, int batch, Optimizer optimizer, CostConvention cost) {
        this.analysis = Objects.requireNonNull(analysis, "analysis");
        this.batch = batch;
        this.optimizer = optimizer;
        this.cost = Objects.requireNonNull(cost, "cost convention");
    }

    /** A report without a training-memory estimate. */
    public static SummaryReport of(Analysis analysis) {
        return new SummaryReport(analysis, 0, null, CostConvention.MACS);
    }

    /** The same report with a training-memory estimate for this batch size and optimizer. */
    public SummaryReport withTraining(int batchSize, Optimizer optimizerName) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        return new SummaryReport(analysis, batchSize, Objects.requireNonNull(optimizerName, "optimizer"), cost);
    }

    /** The same report counting arithmetic by this convention (MACs by default); every format names it. */
    public SummaryReport withCost(CostConvention convention) {
        return new SummaryReport(analysis, batch, optimizer, convention);
    }

    public CostConvention cost() {
        return cost;
    }

    public Analysis analysis() {
        return analysis;
    }

    public String networkName() {
        return analysis.network().name();
    }

    /** The shape of the network's (first) Input layer, or null when it has none. */
    public Shape input() {
        for (Node n : analysis.network().nodes()) {
            if (n.spec() instanceof Input in) {
                return in.shape();
            }
        }
        return null;
    }

    /** True when a training set-up was given. */
    public boolean hasTraining() {
        return optimizer != null;
    }

    public int batch() {
        return batch;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The training-memory estimate ({@code summary --memory} per layer), or null without a training set-up. */
    public MemoryEstimate trainingMemory() {
        return hasTraining() ? analysis.memoryPerLayer(batch, optimizer) : null;
    }

    public String render(ReportFormat format) {
        return switch (format) {
            case TABLE -> SummaryTable.render(this);
            case JSON -> SummaryJson.render(this);
            case CSV -> LayerList.csv(this);
            case MARKDOWN -> LayerList.markdown(this);
        };
    }
}
