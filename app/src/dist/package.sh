#!/usr/bin/env bash
# Builds NetCanvas's installer from what `mvn package` left in app/target (run by `mvn -Pdist package`):
#   app/target/dist/runtime      a jlink'd Java runtime with the modules NetCanvas needs
#   app/target/dist/NetCanvas    the app image: bin/NetCanvas launcher, runtime, netcanvas.jar and lib/ (JavaFX, ND4J...)
#   app/target/dist/*.deb        a Debian package of the image (only when asked for, and when dpkg-deb and fakeroot exist)
# Usage: package.sh TARGET_DIR VERSION [app-image|deb]
set -euo pipefail
target=$(cd "$1" && pwd)
version=${2%%-*}          # jpackage wants a numeric version: 0.1.0-SNAPSHOT -> 0.1.0
kind=${3:-deb}
dist=$target/dist
res=$(cd "$(dirname "$0")" && pwd)

# The modules the app and its libraries use. jdeps cannot work this out (some library jars defeat it), so this list
# was found by running summary, training, ONNX and PNG export and the desktop on the linked runtime; add to it if a
# NoClassDefFoundError names a java.* or jdk.* class.
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.prefs,java.scripting,java.sql,java.xml
modules=$modules,jdk.charsets,jdk.crypto.ec,jdk.management,jdk.unsupported,jdk.zipfs

# No --compress: with it (and a class-data-sharing archive) the runtime is 73 MB instead of 99 MB, but
# 'summary resnet50' took 2.1 s instead of 1.6 s here, since every class is decompressed as it loads.
rm -rf "$dist"
mkdir -p "$dist/input"
cp "$target/netcanvas.jar" "$dist/input/"
cp -r "$target/lib" "$dist/input/lib"

echo "netcanvas dist: jlink runtime ($modules)"
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --generate-cds-archive --output "$dist/runtime"

echo "netcanvas dist: app image"
jpackage --type app-image --dest "$dist" --name NetCanvas --app-version "$version" \
  --input "$dist/input" --main-jar netcanvas.jar --main-class netcanvas.app.Main \
  --runtime-image "$dist/runtime" --icon "$res/netcanvas.png" \
  --java-options '-XX:SharedArchiveFile=$APPDIR/netcanvas.jsa' --java-options '-Xlog:cds=off' \
  --java-options '-Xlog:cds+dynamic=off' \
  --description "Visual designer for convolutional neural networks" --vendor NetCanvas

# The application's class-data-sharing archive (see cds-archive.sh), made for this image; the .deb's postinst
# makes it again for /opt/netcanvas. Without it the app still starts, slower.
cp "$res/cds-archive.sh" "$dist/NetCanvas/lib/cds-archive.sh"
"$dist/NetCanvas/lib/cds-archive.sh" "$dist/NetCanvas" || true

if [ "$kind" = deb ]; then
  for tool in dpkg-deb fakeroot; do
    command -v "$tool" >/dev/null || { echo "netcanvas dist: the .deb needs $tool (apt-get install $tool)" >&2; exit 1; }
  done
  echo "netcanvas dist: .deb"
  # gzip: dpkg-deb's default, xz, took 10 minutes on 2 cores for a package barely smaller (the jars and the
  # runtime are compressed already).
  export DPKG_DEB_COMPRESSOR_TYPE=${DPKG_DEB_COMPRESSOR_TYPE:-gzip}
  # resources/ replaces jpackage's postinst and prerm with ones that also link /usr/bin/netcanvas to the launcher.
  jpackage --type deb --dest "$dist" --app-image "$dist/NetCanvas" --name NetCanvas --app-version "$version" \
    --linux-package-name netcanvas --linux-package-deps libgtk-3-0 --linux-shortcut --linux-menu-group Development \
    --linux-app-category devel --linux-deb-maintainer dev@netcanvas.local --icon "$res/netcanvas.png" \
    --resource-dir "$res/resources" \
    --description "Visual designer for convolutional neural networks" --vendor NetCanvas
fi
ls -l "$dist"
