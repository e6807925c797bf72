package netcanvas.export;

import java.util.List;

/**
 * The small modules the exported file defines for NetCanvas's merge and channel layers, so that every layer is a module
 * and forward hooks see every layer's output. A file contains only those it uses.
 */
final class Helpers {
    static final String CONCAT = "Concat";
    static final String ADD = "Add";
    static final String SCALE = "Scale";
    static final String CHANNEL_SHUFFLE = "ChannelShuffle";
    static final String CHANNEL_SLICE = "ChannelSlice";

    static final List<String> ALL = List.of(CONCAT, ADD, SCALE, CHANNEL_SHUFFLE, CHANNEL_SLICE);

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
            // torchvision's channel_shuffle; nn.ChannelShuffle computes the same but has no gradient in torch 1.13.
            case CHANNEL_SHUFFLE -> """
                    class ChannelShuffle(nn.Module):
                        \"""Interleaves the channels of its groups (NetCanvas ChannelShuffle, as ShuffleNet).\"""

                        def __init__(self, groups):
                            super().__init__()
                            self.groups = groups

                        def forward(self, x):
                            n, c = x.shape[0], x.shape[1]
                            x = x.reshape(n, self.groups, c // self.groups, *x.shape[2:])
                            return x.transpose(1, 2).reshape(n, c, *x.shape[3:])
                    """;
            case CHANNEL_SLICE -> """
                    class ChannelSlice(nn.Module):
                        \"""Channels start to start + count (NetCanvas ChannelSlice, as ShuffleNet v2's split).\"""

                        def __init__(self, start, count):
                            super().__init__()
                            self.start = start
                            self.count = count

                        def forward(self, x):
                            return x[:, self.start:self.start + self.count]
                    """;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
