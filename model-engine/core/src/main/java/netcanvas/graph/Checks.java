package netcanvas.graph;

/** Constructor guards shared by the layer records: a spec that exists is always internally sane. */
final class Checks {
    private Checks() {
    }

    static int atLeast(String what, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    static Hw atLeast(String what, Hw value, int min) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (value.h() < min || value.w() < min) {
            throw new IllegalArgumentException(what + " must be at least " + min + " in each direction, got " + value);
        }
        return value;
    }

    static double between(String what, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    static <T> T present(String what, T value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }
}
