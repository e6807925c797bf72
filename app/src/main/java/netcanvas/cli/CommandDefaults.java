package netcanvas.cli;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Default values of a shared option group ({@link RecipeOptions}, {@link DataOption}) for one command: train and
 * export both take --optimizer, but start from different recipes. Help's ${DEFAULT-VALUE} shows these.
 */
abstract class CommandDefaults implements IDefaultValueProvider {
    private final Map<String, String> byOption;

    /** @param byOption default by the option's longest name ("--lr" -> "0.01") */
    CommandDefaults(Map<String, String> byOption) {
        this.byOption = Map.copyOf(byOption);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        return arg instanceof OptionSpec o ? byOption.get(o.longestName()) : null;
    }
}
