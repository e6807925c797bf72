package netcanvas.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An image size given on the command line as C,H,W, e.g. 3,224,224. */
public record InputShape(int channels, int height, int width) {

    private static final String EXPECTED = "expected C,H,W with three positive integers such as 3,224,224";

    /**
     * @throws IllegalArgumentException saying what was expected when the text is not three positive integers
     */
    public static InputShape parse(String text) {
        String[] parts = text.trim().split("\\s*[,x]\\s*", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + text + "'");
        }
        int[] v = new int[3];
        for (int i = 0; i < 3; i++) {
            try {
                v[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(EXPECTED + ", got '" + text + "'");
            }
            if (v[i] < 1) {
                throw new IllegalArgumentException(EXPECTED + ", got '" + text + "' (sizes start at 1)");
            }
        }
        return new InputShape(v[0], v[1], v[2]);
    }

    /** Lets picocli turn "--input 3,32,32" into a shape, reporting bad text as a usage error. */
    public static final class Converter implements ITypeConverter<InputShape> {
        @Override
        public InputShape convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return channels + "," + height + "," + width;
    }
}
