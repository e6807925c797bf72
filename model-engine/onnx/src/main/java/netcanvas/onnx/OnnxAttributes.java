package netcanvas.onnx;

import onnx.OnnxMl.AttributeProto;
import onnx.OnnxMl.NodeProto;

/** Typed access to an ONNX node's attributes, with the defaults the ONNX operator documentation gives. */
final class OnnxAttributes {
    private OnnxAttributes() {
    }

    static AttributeProto find(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    static long integer(NodeProto n, String name, long fallback) {
        AttributeProto a = find(n, name);
        return a == null ? fallback : a.getI();
    }

    /**
     * A float attribute as the shortest decimal that rounds to it: ONNX stores float32, and 1e-5 should read back as
     * 1e-5, not 9.999999747378752e-6.
     */
    static double real(NodeProto n, String name, double fallback) {
        AttributeProto a = find(n, name);
        return a == null ? fallback : Double.parseDouble(Float.toString(a.getF()));
    }

    static String text(NodeProto n, String name, String fallback) {
        AttributeProto a = find(n, name);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    /** A list of integers, or the fallback (which may be null) when the attribute is absent. */
    static long[] integers(NodeProto n, String name, long[] fallback) {
        AttributeProto a = find(n, name);
        if (a == null) {
            return fallback;
        }
        long[] v = new long[a.getIntsCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getInts(i);
        }
        return v;
    }
}
