package netcanvas.export;

import java.util.List;

/**
 * The three small modules the exported file defines for NetCanvas's merge layers, so that every layer is a module
 * and forward hooks see every layer's output. A file contains only those it uses.
 */
final class Helpers {
    static final String CONCAT = "Concat";
    static final String ADD = "Add";
    static final String SCALE = "Scale";

    static final List<String> ALL = List.of(CONCAT, ADD, SCALE);

    private Helpers() {
    }

    static String source(String name) {
        return switch (name) {
            case CONCAT -> """
                    class Concat(nn.Module):
                        \"""Joins its inputs along the channel axis (NetCanvas Concat).\"""

                        def forward(self, *xs):
                            return torch.cat(xs, dim=1)
                    """;
            case ADD -> """
                    class Add(nn.Module):
                        \"""Element-wise sum of its inputs (NetCanvas Add, the residual join).\"""

                        def forward(self, *xs):
                            total = xs[0]
                            for x in xs[1:]:
                                total = total + x
                            return total
                    """;
            case SCALE -> """
                    class Scale(nn.Module):
                        \"""x times one factor per channel from s (NetCanvas Scale, as in squeeze-and-excitation).\"""

                        def forward(self, x, s):
                            return x * s.reshape(s.shape[0], s.shape[1], *([1] * (x.dim() - 2)))
                    """;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
