package netcanvas.inspector;

import java.util.Optional;
import javafx.beans.value.ObservableValue;
import netcanvas.graph.LayerSpec;
import org.controlsfx.control.PropertySheet;

/** One row of the property sheet; the value lives in the spec, never in the row. */
final class ParamItem implements PropertySheet.Item {
    private final ParamPath param;
    private final LayerSpec spec;

    ParamItem(ParamPath param, LayerSpec spec) {
        this.param = param;
        this.spec = spec;
    }

    ParamPath param() {
        return param;
    }

    @Override
    public Class<?> getType() {
        return param.info().type();
    }

    @Override
    public String getCategory() {
        return param.category();
    }

    @Override
    public String getName() {
        return param.info().meta().label();
    }

    @Override
    public String getDescription() {
        String help = param.info().meta().help();
        return help.isEmpty() ? param.key() : help;
    }

    @Override
    public Object getValue() {
        return param.text(spec);
    }

    @Override
    public void setValue(Object value) {
        // Edits go through ParamEditor, which turns them into commands.
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.empty();
    }
}
