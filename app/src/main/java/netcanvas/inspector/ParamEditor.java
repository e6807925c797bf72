package netcanvas.inspector;

import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Control;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import netcanvas.graph.LayerSpec;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * The editor of one parameter: a text field checked on every keystroke (red, with the reason, while the text is not
 * a valid value) and committed on Enter or when focus leaves; a check box for true/false parameters.
 */
final class ParamEditor implements PropertyEditor<Object> {
    static final String INVALID_COLOUR = "-nc-error";
    private static final String INVALID = "-fx-border-color: " + INVALID_COLOUR + "; -fx-border-width: 1.5; "
            + "-fx-background-color: -nc-invalid;";

    private final ParamPath param;
    private final LayerSpec spec;
    private final Consumer<LayerSpec> commit;
    private final Consumer<String> problem;
    private final Control control;

    /**
     * @param commit  receives the new spec when a valid change is confirmed
     * @param problem receives the current validation message, or "" when the text is valid
     */
    ParamEditor(ParamPath param, LayerSpec spec, Consumer<LayerSpec> commit, Consumer<String> problem) {
        this.param = param;
        this.spec = spec;
        this.commit = commit;
        this.problem = problem;
        if (param.info().type() == boolean.class) {
            CheckBox box = new CheckBox();
            box.setSelected(Boolean.parseBoolean(param.text(spec)));
            box.selectedProperty().addListener((o, was, now) -> tryCommit(Boolean.toString(now)));
            control = box;
        } else {
            TextField field = new TextField(param.text(spec));
            field.textProperty().addListener((o, was, now) -> validate(now));
            field.setOnAction(e -> tryCommit(field.getText()));
            field.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    tryCommit(field.getText());
                }
            });
            control = field;
        }
        control.setId("param-" + param.key());
        if (!param.info().meta().help().isEmpty()) {
            control.setTooltip(new Tooltip(param.info().meta().help()));
        }
    }

    /** The spec this text would give, or null (and the field marked red with the reason) when it is invalid. */
    private LayerSpec validate(String text) {
        try {
            LayerSpec s = param.with(spec, text);
            control.setStyle("");
            problem.accept("");
            return s;
        } catch (IllegalArgumentException e) {
            control.setStyle(INVALID);
            problem.accept(param.info().meta().label() + ": " + e.getMessage());
            return null;
        }
    }

    private void tryCommit(String text) {
        LayerSpec s = validate(text);
        if (s != null && !s.equals(spec)) {
            commit.accept(s);
        }
    }

    @Override
    public Node getEditor() {
        return control;
    }

    @Override
    public Object getValue() {
        return control instanceof TextField f ? f.getText() : ((CheckBox) control).isSelected();
    }

    @Override
    public void setValue(Object value) {
        // The sheet is rebuilt from the document after every change; values never flow in from outside.
    }
}
