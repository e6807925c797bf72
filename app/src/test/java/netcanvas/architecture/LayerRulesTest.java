package netcanvas.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import netcanvas.commands.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app's layering, checked on the compiled classes (as JabRef does with ArchUnit), so that it is a build fact
 * rather than a convention: the command line runs without JavaFX, and views change the network only through
 * undoable commands.
 */
class LayerRulesTest {

    private static JavaClasses app;

    /** The packages that draw the window. */
    private static final String[] VIEWS = {"netcanvas.canvas..", "netcanvas.inspector..", "netcanvas.palette..",
        "netcanvas.summary..", "netcanvas.training.."};

    @BeforeAll
    static void importClasses() {
        app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("netcanvas");
    }

    @Test
    void theCommandLineUsesNoJavaFx() {
        noClasses().that().resideInAPackage("netcanvas.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..", "org.controlsfx..")
                .because("commands run headless, without a display or GTK")
                .check(app);
    }

    /**
     * The command line reaches the desktop code at two named places only: the ELK layout of an import (no JavaFX)
     * and the headless picture export, which it names inside one method so that JavaFX loads only there.
     */
    @Test
    void theCommandLineReachesTheDesktopCodeOnlyThroughItsTwoHeadlessEntries() {
        DescribedPredicate<JavaClass> allowed = new DescribedPredicate<>("AutoLayout or HeadlessPicture") {
            @Override
            public boolean test(JavaClass c) {
                String name = c.getName();
                return Set.of("netcanvas.canvas.AutoLayout", "netcanvas.files.HeadlessPicture",
                        "netcanvas.commands.MoveNodes").contains(name.replaceFirst("\\$.*", ""));
            }
        };
        noClasses().that().resideInAPackage("netcanvas.cli..")
                .should().dependOnClassesThat(DescribedPredicate.and(
                        JavaClass.Predicates.resideInAnyPackage(VIEWS[0], VIEWS[1], VIEWS[2], VIEWS[3], VIEWS[4],
                                "netcanvas.files..", "netcanvas.commands..", "netcanvas.app.."),
                        DescribedPredicate.not(allowed)))
                .check(app);
    }

    @Test
    void viewsChangeTheNetworkOnlyThroughCommands() {
        DescribedPredicate<JavaMethodCall> replacesTheDocument = new DescribedPredicate<>(
                "a call of Document.open or Document.markSaved (which replace the network or its file outside undo)") {
            @Override
            public boolean test(JavaMethodCall call) {
                return call.getTargetOwner().isEquivalentTo(Document.class)
                        && Set.of("open", "markSaved").contains(call.getName());
            }
        };
        noClasses().that().resideInAnyPackage(VIEWS).should().callMethodWhere(replacesTheDocument)
                .because("a view edits through Document.execute(Command), so every change can be undone")
                .check(app);
    }

    @Test
    void commandsAreFreeOfJavaFx() {
        noClasses().that().resideInAPackage("netcanvas.commands..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..")
                .because("commands are pure edits of immutable networks, tested without a window")
                .check(app);
    }
}
