#!/usr/bin/env bash
# Makes the app image's class-data-sharing archive, lib/app/netcanvas.jsa: the classes the desktop app loads until
# its window shows, parsed and verified once, which the launcher (-XX:SharedArchiveFile in NetCanvas.cfg) maps
# instead of reading them from the jars at every start. It is made by starting the app once, headless (Monocle), and
# closing it at its first frame. Java 17 checks the jars' paths when it maps the archive, so it is made where the
# image lies: package.sh runs this for app/target/dist/NetCanvas, the .deb's postinst for /opt/netcanvas. Where the
# archive is missing or was made elsewhere the app starts without it (slower), silently.
# Usage: cds-archive.sh IMAGE_DIR
set -euo pipefail
image=$(cd "$1" && pwd)
app=$image/lib/app
archive=$app/netcanvas.jsa
rm -f "$archive"
# The class path the launcher builds from NetCanvas.cfg, in its order: the archive is valid only for that path.
cp=$(sed -n 's/^app\.classpath=//p' "$app/NetCanvas.cfg" | sed "s#\$APPDIR#$app#" | paste -sd: -)
home=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$home" "$log"' EXIT
if ! NETCANVAS_PRINT_STARTUP=exit timeout 300 "$image/lib/runtime/bin/java" -XX:ArchiveClassesAtExit="$archive" \
    -Xlog:cds=off -Xlog:cds+dynamic=off -Dnetcanvas.home="$home" \
    -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Djava.awt.headless=true \
    -cp "$cp" netcanvas.app.Main >"$log" 2>&1 || [ ! -s "$archive" ]; then
  echo "netcanvas: no class-data-sharing archive made (the app starts without it, slower):" >&2
  tail -20 "$log" >&2
  rm -f "$archive"
  exit 1
fi
echo "netcanvas: class-data-sharing archive $archive ($(du -h "$archive" | cut -f1))"
