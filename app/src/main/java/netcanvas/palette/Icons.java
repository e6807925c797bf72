package netcanvas.palette;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.SVGPath;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import netcanvas.graph.LayerKind;

/**
 * Palette icons: the outline SVGs of icons/ (packaged as netcanvas/icons/KIND.svg), drawn with JavaFX paths. The icons
 * are 24x24 stroked outlines, so their path data is all that is needed; a missing icon becomes a lettered tile.
 */
public final class Icons {
    private static final Pattern PATH = Pattern.compile("\\sd=\"([^\"]+)\"");
    private static final double SIZE = 20;

    private Icons() {
    }

    /** Whether the icon file of this kind ships with the application. */
    public static boolean exists(LayerKind kind) {
        return Icons.class.getResource(resource(kind)) != null;
    }

    private static String resource(LayerKind kind) {
        return "/netcanvas/icons/" + kind.name() + ".svg";
    }

    public static Node of(LayerKind kind) {
        try (InputStream in = Icons.class.getResourceAsStream(resource(kind))) {
            if (in != null) {
                String svg = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Group g = new Group();
                Matcher m = PATH.matcher(svg);
                while (m.find()) {
                    SVGPath p = new SVGPath();
                    p.setContent(m.group(1));
                    p.setFill(null);
                    p.setStroke(Color.web("#37474f")); // the light theme's; netcanvas.css sets the theme's
                    p.getStyleClass().add("layer-icon");
                    p.setStrokeWidth(1.5);
                    p.setStrokeLineCap(StrokeLineCap.ROUND);
                    p.setStrokeLineJoin(StrokeLineJoin.ROUND);
                    g.getChildren().add(p);
                }
                if (!g.getChildren().isEmpty()) {
                    g.setScaleX(SIZE / 24);
                    g.setScaleY(SIZE / 24);
                    return new Group(g);
                }
            }
        } catch (IOException e) {
            // fall through to the lettered tile: an icon is decoration, never a reason to fail
        }
        return tile(kind);
    }

    private static Node tile(LayerKind kind) {
        Rectangle r = new Rectangle(SIZE, SIZE, Color.web("#cfd8dc"));
        r.getStyleClass().add("layer-tile");
        r.setArcWidth(5);
        r.setArcHeight(5);
        Text t = new Text(5, 15, kind.title().substring(0, 1));
        t.setFont(Font.font("DejaVu Sans", FontWeight.BOLD, 12));
        t.getStyleClass().add("layer-tile-letter");
        return new Group(r, t);
    }
}
