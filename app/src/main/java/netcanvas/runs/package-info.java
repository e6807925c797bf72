/**
 * Training runs as kept on disk (a folder per run under the app home's runs/, with run.properties and curves.csv):
 * written by the training panel and by the {@code train} command alike, listed by the panel's Runs history. No
 * JavaFX here, so the command line uses it.
 */
package netcanvas.runs;
